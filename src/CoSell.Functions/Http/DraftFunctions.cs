using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CoSell.Functions.Http;

// Route, method and auth of every function must equal its ApiRoutes entry; the parity test checks it.

/// <summary>Draft routes (<see cref="RouteAuth.Partner"/> → function key, then the handler checks the partner's own key).</summary>
public sealed class DraftFunctions(DraftHandlers handlers)
{
    private const string Offer = "api/partners/{partnerId}/offers/{offerId}";

    [Function(nameof(ApiRoutes.SaveDraft))]
    public Task<IResult> SaveDraft(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer)] HttpRequest req, string partnerId, string offerId, CancellationToken ct)
        => handlers.SaveDraftAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.GetDraft))]
    public Task<IResult> GetDraft(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Offer)] HttpRequest req, string partnerId, string offerId, CancellationToken ct)
        => handlers.GetDraftAsync(req, partnerId, offerId, ct);

    [Function(nameof(ApiRoutes.UploadDocument))]
    public Task<IResult> UploadDocument(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer + "/documents/{documentType}/{fileName}")] HttpRequest req,
        string partnerId, string offerId, string documentType, string fileName, CancellationToken ct)
        => handlers.UploadDocumentAsync(req, partnerId, offerId, documentType, fileName, ct);

    [Function(nameof(ApiRoutes.DeleteDocument))]
    public Task<IResult> DeleteDocument(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Offer + "/documents/{documentType}/{fileName}")] HttpRequest req,
        string partnerId, string offerId, string documentType, string fileName, CancellationToken ct)
        => handlers.DeleteDocumentAsync(req, partnerId, offerId, documentType, fileName, ct);

    [Function(nameof(ApiRoutes.ImportContacts))]
    public Task<IResult> ImportContacts(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Offer + "/contacts")] HttpRequest req, string partnerId, string offerId, CancellationToken ct)
        => handlers.ImportContactsAsync(req, partnerId, offerId, ct);
}
