using System.Net;
using System.Text.Json;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;

namespace CoSell.EndToEnd.Tests;

/// <summary>The steps every scenario shares, through the public HTTP API only.</summary>
internal static class ReviewFlow
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public const string ContactsUsGb = "Name,Email,Job title,Role,Countries\r\nAna Silva,ana@contoso.example,Partner sales lead,Sales,\"US,GB\"\r\nBen Okafor,ben@contoso.example,Account executive,Sales,GB\r\n";

    /// <summary>Creates a complete transactable SaaS draft with a one-pager PDF, a case study and the given contacts.</summary>
    public static Task PrepareOfferAsync(CoSellApi api, string offerId, string contactsCsv, params string[] countries)
        => PrepareOfferAsync(api, EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId, contactsCsv, countries);

    public static async Task PrepareOfferAsync(CoSellApi api, string partner, string key, string offerId, string contactsCsv, string[] countries)
    {
        using HttpResponseMessage draft = await api.CreateDraftAsync(partner, key, offerId, CoSellApi.SaasDraftJson("Contoso CRM " + offerId, countries));
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        using HttpResponseMessage onePager = await api.UploadAsync(partner, key, offerId, "one-pager", "contoso-crm-one-pager.pdf", Documents.Pdf("Contoso CRM one-pager"));
        Assert.True(onePager.IsSuccessStatusCode, $"one-pager upload answered {(int)onePager.StatusCode}: {await onePager.Content.ReadAsStringAsync()}");
        using HttpResponseMessage caseStudy = await api.UploadAsync(partner, key, offerId, "case-study", "contoso-crm-case-study.pdf", Documents.Pdf("Contoso CRM case study", 2));
        Assert.True(caseStudy.IsSuccessStatusCode, $"case study upload answered {(int)caseStudy.StatusCode}: {await caseStudy.Content.ReadAsStringAsync()}");
        using HttpResponseMessage contacts = await api.ImportContactsAsync(partner, key, offerId, contactsCsv);
        Assert.True(contacts.IsSuccessStatusCode, $"contacts import answered {(int)contacts.StatusCode}: {await contacts.Content.ReadAsStringAsync()}");
    }

    /// <summary>The monthly feed for the current month: contoso above the 100,000 USD ACR threshold.</summary>
    public static Task ImportRevenueAsync(CoSellApi api, string offerId) => ImportRevenueAsync(api, EndToEndHost.AdminKey, offerId);

    public static async Task ImportRevenueAsync(CoSellApi api, string adminKey, string offerId)
    {
        string month = CoSellApi.CurrentMonth();
        string csv = "organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue\n"
            + $"contoso,{month},125000.50,false,false,{offerId}:60000\n";
        using HttpResponseMessage revenue = await api.ImportRevenueAsync(adminKey, month, csv);
        Assert.True(revenue.IsSuccessStatusCode, $"revenue import answered {(int)revenue.StatusCode}: {await revenue.Content.ReadAsStringAsync()}");
    }

    /// <summary>Presses "Review and publish" and checks the 202 a portal relies on.</summary>
    public static Task<SubmissionAccepted> SubmitAsync(CoSellApi api, string offerId, string submittedBy)
        => SubmitAsync(api, EndToEndHost.PartnerId, EndToEndHost.PartnerKey, offerId, submittedBy);

    public static async Task<SubmissionAccepted> SubmitAsync(CoSellApi api, string partner, string key, string offerId, string submittedBy)
    {
        using HttpResponseMessage response = await api.SubmitAsync(partner, key, offerId, submittedBy);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.Location);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.TryGetProperty("sendEventPostUri", out _), body);
        Assert.DoesNotContain("sendEventPostUri", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("terminatePostUri", body, StringComparison.OrdinalIgnoreCase);
        SubmissionAccepted accepted = JsonSerializer.Deserialize<SubmissionAccepted>(body, ApiJson.Options)!;
        Assert.False(string.IsNullOrEmpty(accepted.Id));
        Assert.False(string.IsNullOrEmpty(accepted.StatusQueryGetUri));
        return accepted;
    }

    public static Task<CapturedMail> ReviewerMailAsync(CoSellApi api, string instanceId)
        => api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, instanceId) && m.To.Contains(EndToEndHost.Reviewer), Patience, "reviewer mail for " + instanceId);

    public static Task<CapturedMail> PartnerMailAsync(CoSellApi api, string instanceId, string partnerEmail)
        => api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, instanceId) && m.To.Contains(partnerEmail), Patience, "partner mail for " + instanceId);

    /// <summary>Posts the reviewer's form exactly as the page's buttons do.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(CoSellApi api, Uri link, string decision, string comment)
    {
        using FormUrlEncodedContent form = new(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });
        return await api.Http.PostAsync(link, form);
    }
}
