using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

/// <summary>
/// Review-and-publish, submission, status and history routes (<see cref="RouteAuth.Partner"/>). Their handler talks to
/// the Durable engine, so each function binds <c>[DurableClient]</c> and attaches it for the handler.
/// </summary>
public sealed class SubmissionFunctions(SubmissionHandlers handlers, InvocationDurableClient durable)
{
    private const string Offer = "api/partners/{partnerId}/offers/{offerId}";

    [Function(nameof(ApiRoutes.SubmitForReview))]
    public Task<IResult> SubmitForReview(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Offer + "/submissions")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).SubmitForReviewAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.GetSubmission))]
    public Task<IResult> GetSubmission(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Offer + "/submissions/{draftVersion}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, string draftVersion, CancellationToken ct)
        => With(client).GetSubmissionAsync(req, partnerId, offerId, draftVersion, ct);

    [Function(nameof(ApiRoutes.GetStatus))]
    public Task<IResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Offer + "/status")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).GetStatusAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.GetHistory))]
    public Task<IResult> GetHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Offer + "/history")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).GetHistoryAsync(req, partnerId, offerId, ct);

    private SubmissionHandlers With(DurableTaskClient client)
    {
        durable.Attach(client);
        return handlers;
    }
}
