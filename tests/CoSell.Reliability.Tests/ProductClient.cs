using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoSell.Integration.Tests.Collateral;
using CoSell.LocalHost.Mailbox;

namespace CoSell.Reliability.Tests;

/// <summary>What the portal, an operator and a reviewer do over HTTP against a running local host.</summary>
internal class ProductClient
{
    public const string PartnerId = "contoso";
    public const string PartnerKey = "reliability-partner-key-0123456789";
    public const string AdminKey = "reliability-admin-key-0123456789";
    public const string PartnerEmail = "partner@contoso.example";

    public ProductClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>A complete draft over the partner API (fields, one-pager PDF, one contact); returns its ETag.</summary>
    public async Task<string> CreateOfferAsync(string offerId)
    {
        string path = OfferPath(offerId);
        using (HttpResponseMessage created = await PartnerSendAsync(HttpMethod.Put, path, JsonContent.Create(Draft("Contoso CRM " + offerId))))
        {
            await EnsureAsync(created, HttpStatusCode.Created);
        }

        using (var pdf = new ByteArrayContent(CollateralFixtures.Pdf(1)))
        {
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using HttpResponseMessage uploaded = await PartnerSendAsync(HttpMethod.Put, path + "/documents/one-pager/one-pager.pdf", pdf);
            await EnsureSuccessAsync(uploaded);
        }

        using var contacts = new StringContent("Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Partner lead,Sales,\"US,GB\"\n", Encoding.UTF8, "text/csv");
        using HttpResponseMessage imported = await PartnerSendAsync(HttpMethod.Put, path + "/contacts", contacts);
        await EnsureSuccessAsync(imported);
        return imported.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The contacts import answered no ETag.");
    }

    /// <summary>Presses "Review and publish"; returns the review's instance id.</summary>
    public async Task<string> SubmitAsync(string offerId)
    {
        using HttpResponseMessage response = await PartnerSendAsync(HttpMethod.Post, OfferPath(offerId) + "/submissions", JsonContent.Create(new { submittedBy = PartnerEmail }));
        await EnsureAsync(response, HttpStatusCode.Accepted);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public async Task<HttpResponseMessage> PartnerSendAsync(HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Partner-Key", PartnerKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Posts the reviewer form on a review link, as the page's form would.</summary>
    public async Task<HttpResponseMessage> DecideAsync(string link, string decision, string? comment = null)
    {
        var fields = new Dictionary<string, string> { ["decision"] = decision };
        if (comment is not null)
        {
            fields["comment"] = comment;
        }

        using var form = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(link), form);
    }

    /// <summary>The next <paramref name="count"/> sends to the mailbox are answered with <paramref name="status"/>.</summary>
    public async Task SetMailFaultsAsync(int status, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MailboxEndpoints.FaultsPath) { Content = JsonContent.Create(new { status, count }) };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using HttpResponseMessage response = await Http.SendAsync(request);
        await EnsureSuccessAsync(response);
    }

    public static string OfferPath(string offerId) => $"/api/partners/{PartnerId}/offers/{offerId}";

    public static object Draft(string name) => new
    {
        name,
        solutionType = "IpSolution",
        kind = "SaaS",
        isTransactable = true,
        eligibleCountries = new[] { "US", "GB" },
        cspConfigured = true,
        meetsPublishingRequirements = true,
        businessProfileComplete = true,
        builtOnAzure = true,
        repeatableIpShare = 0.8m,
        landingPageUrl = "https://contoso.example/crm",
        socialOrEvidenceUrl = "https://www.linkedin.com/company/contoso-example",
    };

    public async Task UploadRevenueAsync()
    {
        string month = DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var csv = new StringContent(
            $"organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue\n{PartnerId},{month},125000.00,false,false,\n",
            Encoding.UTF8,
            "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/revenue/{month}") { Content = csv };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using HttpResponseMessage response = await Http.SendAsync(request);
        await EnsureSuccessAsync(response);
    }

    static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
