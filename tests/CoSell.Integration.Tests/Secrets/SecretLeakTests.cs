using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoSell.EndToEnd.Tests;
using CoSell.Integration.Tests.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;
using Microsoft.Extensions.DependencyInjection;
using AzuriteServer = CoSell.Integration.Tests.Infrastructure.AzuriteServer;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;
using ReadyOffers = CoSell.Integration.Tests.Infrastructure.ReadyOffers;

namespace CoSell.Integration.Tests.Secrets;

/// <summary>
/// Real flows on the local host (revenue upload, draft, submit, a failed and retried mail, reviewer mail, approve,
/// outcome mails, bad requests, bad credentials, bad tokens) with distinctive secrets configured, every log line captured at every level, every
/// e-mail the mailbox captured and every HTTP answer kept: no secret value and no secret-shaped text may appear in any
/// of them. Signed review links in reviewer mail are intended; the key that signs them is not.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SecretLeakTests : IAsyncLifetime
{
    const string Reviewer = "reviewer@cosell.localhost";
    const string Partner = "pm@contoso.example";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    static readonly string[] LoggingCategories =
        ["Default", "Microsoft", "Microsoft.AspNetCore", "DurableTask.AzureStorage", "DurableTask.Core", "Microsoft.DurableTask", "Microsoft.DurableTask.Sidecar", "Grpc", "System.Net.Http"];

    readonly string _run = Guid.NewGuid().ToString("N");
    Dictionary<string, string> _secrets = null!;
    ObservedLocalHost _host = null!;

    CoSellApi Api => _host.Api;

    HttpClient Http => _host.Http;

    string PartnerKey => _secrets["PartnerAuth:Partners:contoso"];

    string AdminKey => _secrets["PartnerAuth:AdminKey"];

    public async Task InitializeAsync()
    {
        string connectionString = TestStorage.ConnectionString;
        _secrets = new Dictionary<string, string>
        {
            ["Approval:SigningKey"] = $"leak-test-signing-key-{_run}",
            ["SendGrid:ApiKey"] = $"SG.leaktest{_run[..12]}.{_run}",
            ["PartnerAuth:Partners:contoso"] = $"leak-test-partner-key-{_run}",
            ["PartnerAuth:Partners:fabrikam"] = $"leak-test-other-partner-key-{_run}",
            ["PartnerAuth:AdminKey"] = $"leak-test-admin-key-{_run}",
            ["storage account key"] = AccountKeyIn(connectionString),
        };
        Dictionary<string, string?> settings = LocalHostUnderTest.WholeProductOnOneSite(TestStorage.UniqueTaskHub("Lk")[..12]);
        foreach ((string key, string value) in _secrets.Where(s => s.Key.Contains(':', StringComparison.Ordinal)))
        {
            settings[key] = value;
        }

        foreach (string category in LoggingCategories)
        {
            settings[$"Logging:LogLevel:{category}"] = "Trace";
        }

        _host = await ObservedLocalHost.StartAsync("Lk", settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RealFlows_WithKnownSecrets_NoSecretInAnyLogLineMailOrResponse()
    {
        const string offerId = "crm-secrets";
        await UploadRevenueAsync();
        await ReadyOffers.PrepareAsync(Api, PartnerKey, offerId);
        await SendBadRequestsAsync(offerId);
        await FailNextMailAsync();
        SubmissionAccepted accepted = await ReadyOffers.SubmitAsync(Api, PartnerKey, offerId, Partner);
        string id = accepted.Id;
        CapturedMail reviewerMail = await Api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, id) && m.To.Contains(Reviewer), Patience, "reviewer mail");
        Uri link = CoSellApi.ReviewLink(reviewerMail);
        await SendBadTokensAsync(link);
        await ApproveAsync(link);
        await Api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, id) && m.To.Contains(Partner), Patience, "partner outcome mail");
        await Api.WaitForMailAsync(m => CoSellApi.BelongsTo(m, id) && m.To.Contains(Reviewer) && m.Id != reviewerMail.Id, Patience, "reviewer outcome mail");
        await ReadEverythingAsync(offerId, accepted);

        IReadOnlyList<CapturedMail> mails = _host.Host.App.Services.GetRequiredService<MailboxStore>().List();
        IEnumerable<(string, string)> texts = _host.LogLines.Select(l => ("log", l))
            .Concat(mails.Select(m => ("mail " + m.Subject, JsonSerializer.Serialize(m))))
            .Concat(_host.Responses.Select(r => ("response " + r.Split('\n')[0], r)));
        IReadOnlyList<SecretLeak> leaks = SecretScan.Find(_secrets, texts);

        Assert.True(_host.LogLines.Count > 100, $"Only {_host.LogLines.Count} log lines were captured.");
        Assert.Contains(_host.LogLines, l => l.Contains("Notification " + id, StringComparison.Ordinal));
        Assert.Contains(_host.LogLines, l => l.Contains(nameof(CoSell.Workflow.Ports.TransientNotificationException), StringComparison.Ordinal));
        Assert.True(mails.Count >= 3, $"Only {mails.Count} mails were captured.");
        Assert.Contains(SignedReviewLink().Matches(reviewerMail.Text ?? string.Empty), m => m.Success);
        Assert.True(leaks.Count == 0, "Secrets leaked:\n" + string.Join("\n", leaks.Take(20).Select(l => $"- {l.Secret} in {l.Source}: …{l.Excerpt}…")));
    }

    async Task UploadRevenueAsync()
    {
        string month = CoSellApi.CurrentMonth();
        using HttpResponseMessage revenue = await Api.ImportRevenueAsync(AdminKey, month, $"organisationId,month,acrTtmUsd\ncontoso,{month},125000.50\n");
        Assert.Equal(HttpStatusCode.OK, revenue.StatusCode);
    }

    /// <summary>Malformed and invalid bodies, and credentials that are missing, wrong or for another role.</summary>
    async Task SendBadRequestsAsync(string offerId)
    {
        string offer = CoSellApi.OfferPath("contoso", offerId);
        (HttpMethod Method, string Path, string? Key, string Header, HttpContent? Body, HttpStatusCode Expected)[] requests =
        [
            (HttpMethod.Put, CoSellApi.OfferPath("contoso", "crm-broken"), PartnerKey, ApiKeyPartnerAuthenticator.PartnerKeyHeader, Json("{\"name\": 5"), HttpStatusCode.BadRequest),
            (HttpMethod.Post, offer + "/submissions", PartnerKey, ApiKeyPartnerAuthenticator.PartnerKeyHeader, Json("{\"submittedBy\":\"not an address\"}"), HttpStatusCode.BadRequest),
            (HttpMethod.Put, "/api/admin/revenue/2026-13", AdminKey, ApiKeyPartnerAuthenticator.AdminKeyHeader, new StringContent("x", Encoding.UTF8, "text/csv"), HttpStatusCode.BadRequest),
            (HttpMethod.Get, offer + "/status", PartnerKey + "x", ApiKeyPartnerAuthenticator.PartnerKeyHeader, null, HttpStatusCode.Unauthorized),
            (HttpMethod.Get, offer + "/status", _secrets["PartnerAuth:Partners:fabrikam"], ApiKeyPartnerAuthenticator.PartnerKeyHeader, null, HttpStatusCode.NotFound),
            (HttpMethod.Get, "/api/admin/reevaluations/2026-08", PartnerKey, ApiKeyPartnerAuthenticator.AdminKeyHeader, null, HttpStatusCode.Unauthorized),
            (HttpMethod.Get, "/api/admin/reevaluations/2026-08", AdminKey + "x", ApiKeyPartnerAuthenticator.AdminKeyHeader, null, HttpStatusCode.Unauthorized),
            (HttpMethod.Get, "/api/admin/instances/cosell-x", AdminKey, ApiKeyPartnerAuthenticator.AdminKeyHeader, null, HttpStatusCode.BadRequest),
        ];
        foreach ((HttpMethod method, string path, string? key, string header, HttpContent? body, HttpStatusCode expected) in requests)
        {
            using HttpResponseMessage response = await Api.SendAsync(method, path, key, body, header);
            Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }

    /// <summary>The first send is answered 500 by the mailbox, so the failure and retry paths log too.</summary>
    async Task FailNextMailAsync()
    {
        using HttpResponseMessage fault = await Api.SendAsync(HttpMethod.Post, MailboxEndpoints.FaultsPath, AdminKey, Json("{\"status\":500,\"count\":1}"), ApiKeyPartnerAuthenticator.AdminKeyHeader);
        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
    }

    /// <summary>A tampered signature, a token that is not one, and a forged one, on the page and on the decision.</summary>
    async Task SendBadTokensAsync(Uri link)
    {
        string token = link.AbsolutePath["/review/".Length..];
        string tampered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");
        foreach (string bad in new[] { tampered, "not-a-token", "eyJraWQiOiJ4In0.c2lnbmF0dXJl" })
        {
            using HttpResponseMessage page = await Http.GetAsync(new Uri("/review/" + bad, UriKind.Relative));
            using HttpResponseMessage decision = await Http.PostAsync(new Uri("/review/" + bad, UriKind.Relative), Form("approve"));
            Assert.True((int)page.StatusCode is 403 or 404, $"GET review/{bad} answered {(int)page.StatusCode}.");
            Assert.True((int)decision.StatusCode is 403 or 404, $"POST review/{bad} answered {(int)decision.StatusCode}.");
        }
    }

    async Task ApproveAsync(Uri link)
    {
        using HttpResponseMessage page = await Http.GetAsync(link);
        using HttpResponseMessage decision = await Http.PostAsync(link, Form("approve"));
        using HttpResponseMessage again = await Http.PostAsync(link, Form("approve"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict), (page.StatusCode, decision.StatusCode, again.StatusCode));
    }

    /// <summary>What partners, operators and a developer read afterwards; the answers are kept by the recording client.</summary>
    async Task ReadEverythingAsync(string offerId, SubmissionAccepted accepted)
    {
        await Api.WaitForStatusAsync("contoso", PartnerKey, offerId, s => !s.ReviewInProgress, Patience);
        await Api.HistoryAsync("contoso", PartnerKey, offerId);
        await Api.GetJsonAsync<JsonElement>(CoSellApi.OfferPath("contoso", offerId), PartnerKey);
        using HttpResponseMessage instance = await Api.SendAsync(HttpMethod.Get, $"/api/admin/instances/{accepted.Id}", AdminKey, null, ApiKeyPartnerAuthenticator.AdminKeyHeader);
        using HttpResponseMessage run = await Api.SendAsync(HttpMethod.Get, new Uri(accepted.StatusQueryGetUri).PathAndQuery, PartnerKey, null);
        using HttpResponseMessage mailbox = await Http.GetAsync(new Uri(MailboxEndpoints.PagePath, UriKind.Relative));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (instance.StatusCode, run.StatusCode, mailbox.StatusCode));
    }

    static string AccountKeyIn(string connectionString)
        => connectionString.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("AccountKey=", StringComparison.OrdinalIgnoreCase))?["AccountKey=".Length..]
            ?? AzuriteServer.AccountKey;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static FormUrlEncodedContent Form(string decision) => new([KeyValuePair.Create("decision", decision)]);

    [GeneratedRegex(@"/review/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex SignedReviewLink();
}
