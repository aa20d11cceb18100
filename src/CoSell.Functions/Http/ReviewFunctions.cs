using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

/// <summary>Reviewer pages (<see cref="RouteAuth.Anonymous"/>: the signed token in the path is the credential).</summary>
public sealed class ReviewFunctions(ReviewHandlers handlers, InvocationDurableClient durable)
{
    [Function(nameof(ApiRoutes.ShowReview))]
    public Task<IResult> ShowReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/{token}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token, CancellationToken ct)
        => With(client).ShowReviewAsync(req, token, ct);

    [Function(nameof(ApiRoutes.DecideReview))]
    public Task<IResult> DecideReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "review/{token}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token, CancellationToken ct)
        => With(client).DecideReviewAsync(req, token, ct);

    [Function(nameof(ApiRoutes.GetReviewDocument))]
    public Task<IResult> GetReviewDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "review/{token}/documents/{index}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string token, string index, CancellationToken ct)
        => With(client).GetReviewDocumentAsync(req, token, index, ct);

    private ReviewHandlers With(DurableTaskClient client)
    {
        durable.Attach(client);
        return handlers;
    }
}
