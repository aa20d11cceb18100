using System.Net;
using System.Text.Json;
using CoSell.EndToEnd.Tests;
using CoSell.Workflow.Http;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>A partner's steps through the public API up to "Review and publish", for an offer that passes every automated check.</summary>
internal static class ReadyOffers
{
    public const string PartnerId = "contoso";

    /// <summary>Draft (transactable SaaS sold in US and GB), one-pager PDF, a sales contact for both countries.</summary>
    public static async Task PrepareAsync(CoSellApi api, string partnerKey, string offerId)
    {
        using HttpResponseMessage draft = await api.CreateDraftAsync(PartnerId, partnerKey, offerId, CoSellApi.SaasDraftJson("Contoso CRM", "US", "GB"));
        using HttpResponseMessage onePager = await api.UploadAsync(PartnerId, partnerKey, offerId, "one-pager", "one-pager.pdf", Documents.Pdf("Contoso CRM one-pager"));
        using HttpResponseMessage contacts = await api.ImportContactsAsync(PartnerId, partnerKey, offerId, "Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Sales lead,Sales,\"US,GB\"\n");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (draft.StatusCode, onePager.StatusCode, contacts.StatusCode));
    }

    /// <summary>Review and publish: 202 and its payload.</summary>
    public static async Task<SubmissionAccepted> SubmitAsync(CoSellApi api, string partnerKey, string offerId, string submittedBy)
    {
        using HttpResponseMessage submitted = await api.SubmitAsync(PartnerId, partnerKey, offerId, submittedBy);
        string body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)submitted.StatusCode}: {body}");
        return JsonSerializer.Deserialize<SubmissionAccepted>(body, ApiJson.Options)!;
    }
}
