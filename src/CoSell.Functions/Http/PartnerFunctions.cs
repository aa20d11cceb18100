using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

// Compiled only with CoSellHttpMerged=true (see CoSell.Functions.csproj): the handlers come from the http branch.
// Route, method and auth of every function must equal its ApiRoutes entry; the parity test checks it.

/// <summary>Partner routes (<see cref="RouteAuth.Partner"/> → function key, then the handler checks the partner's own key).</summary>
public sealed class PartnerFunctions(PortalHandlers handlers, InvocationDurableClient durable)
{
    private const string Offer = "api/partners/{partnerId}/offers/{offerId}";

    [Function(nameof(ApiRoutes.SaveDraft))]
    public Task<IResult> SaveDraft(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).SaveDraftAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.GetDraft))]
    public Task<IResult> GetDraft(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Offer)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).GetDraftAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.UploadDocument))]
    public Task<IResult> UploadDocument(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer + "/documents/{documentType}/{fileName}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, string documentType, string fileName, CancellationToken ct)
        => With(client).UploadDocumentAsync(req, partnerId, offerId, documentType, fileName, ct);

    [Function(nameof(ApiRoutes.DeleteDocument))]
    public Task<IResult> DeleteDocument(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Offer + "/documents/{documentType}/{fileName}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, string documentType, string fileName, CancellationToken ct)
        => With(client).DeleteDocumentAsync(req, partnerId, offerId, documentType, fileName, ct);

    [Function(nameof(ApiRoutes.ImportContacts))]
    public Task<IResult> ImportContacts(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer + "/contacts")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string partnerId, string offerId, CancellationToken ct)
        => With(client).ImportContactsAsync(req, partnerId, offerId, ct);

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

    private PortalHandlers With(DurableTaskClient client)
    {
        durable.Attach(client);
        return handlers;
    }
}
