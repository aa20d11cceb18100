using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoSell.Integration.Tests.Collateral;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Reliability.Tests;

/// <summary>
/// The local host on 127.0.0.1 with its own task hub, table prefix and container on the shared test Azurite, mail
/// landing in its own mailbox (<c>SendGrid:Host</c> = the host itself), driven over HTTP like the portal and a reviewer.
/// </summary>
internal sealed partial class ReliabilityHost : IAsyncDisposable
{
    public const string PartnerId = "contoso";
    public const string PartnerKey = "reliability-partner-key-0123456789";
    public const string AdminKey = "reliability-admin-key-0123456789";
    public const string PartnerEmail = "partner@contoso.example";

    readonly WebApplication _app;

    ReliabilityHost(WebApplication app, string site)
    {
        _app = app;
        Site = site;
        Http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Site { get; }

    public HttpClient Http { get; }

    public MailboxStore Mailbox => _app.Services.GetRequiredService<MailboxStore>();

    public DurableTaskClient Durable => _app.Services.GetRequiredService<DurableTaskClient>();

    public IOfferStore Offers => _app.Services.GetRequiredService<IOfferStore>();

    public IHistoryStore History => _app.Services.GetRequiredService<IHistoryStore>();

    /// <param name="reviewers">Review:Reviewers (default one reviewer).</param>
    /// <param name="expireAfter">Review:ExpireAfter (default 14 days); the reminder is pushed past it.</param>
    public static async Task<ReliabilityHost> StartAsync(string hint, IReadOnlyList<string>? reviewers = null, TimeSpan? expireAfter = null)
    {
        string storage = await AzuriteServer.GetConnectionStringAsync();
        string prefix = hint + Guid.NewGuid().ToString("N")[..10];
        string site = $"http://127.0.0.1:{FreePort()}";
        reviewers ??= ["reviewer@cosell.localhost"];
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = site,
            [LocalEngineOptions.TaskHubNameSetting] = prefix + "Hub",
            [LocalEngineOptions.ConnectionStringSetting] = storage,
            ["CoSellStorage:TablePrefix"] = prefix,
            ["Collateral:ContainerName"] = prefix.ToLowerInvariant(),
            ["CoSell:ReevaluationSchedulerEnabled"] = "false",
            ["Approval:SigningKey"] = "reliability-signing-key-0123456789-0123456789",
            ["SendGrid:Host"] = site,
            ["Review:PublicBaseUrl"] = site,
            ["Review:ExpireAfter"] = (expireAfter ?? TimeSpan.FromDays(14)).ToString("c", CultureInfo.InvariantCulture),
            ["Review:ReminderAfter"] = (expireAfter ?? TimeSpan.FromDays(14)).Add(TimeSpan.FromDays(1)).ToString("c", CultureInfo.InvariantCulture),
            [$"PartnerAuth:Partners:{PartnerId}"] = PartnerKey,
            ["PartnerAuth:AdminKey"] = AdminKey,
        };
        for (int i = 0; i < reviewers.Count; i++)
        {
            settings[$"Review:Reviewers:{i}"] = reviewers[i];
        }

        WebApplication app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        var host = new ReliabilityHost(app, site);
        await host.UploadRevenueAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

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

    public int MailFaultsRemaining => _app.Services.GetRequiredService<MailboxFaults>().Remaining;

    /// <summary>Every captured mail's notification key ({instanceId}/{step}), one entry per delivered mail.</summary>
    public IReadOnlyList<string> DeliveredKeys()
        => [.. Mailbox.List().Select(m => m.Headers.TryGetValue("X-CoSell-Notification", out string? key) ? key : "(no key)")];

    /// <summary>The review link the reviewer's request mail for <paramref name="instanceId"/> carries (reviewer n, 1-based).</summary>
    public string ReviewLink(string instanceId, int reviewer = 1)
    {
        string key = $"{instanceId}/review-request-{reviewer}";
        CapturedMail mail = Mailbox.List().Single(m => m.Headers.TryGetValue("X-CoSell-Notification", out string? k) && k == key);
        Match link = ReviewLinkPattern().Match(mail.Text ?? string.Empty);
        return link.Success ? link.Value : throw new InvalidOperationException($"No review link in mail {key}.");
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, Func<OrchestrationMetadata, bool> until, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            OrchestrationMetadata? state = await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
            if (state is not null && until(state))
            {
                return state;
            }

            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{instanceId} did not get there within {timeout}; last seen {state?.RuntimeStatus} {state?.SerializedCustomStatus}.");
            }
        }
    }

    public Task<OrchestrationMetadata> WaitForReviewAsync(string instanceId, TimeSpan timeout)
        => WaitAsync(instanceId, m => m.SerializedCustomStatus?.Contains("AwaitingReview", StringComparison.Ordinal) == true || IsDone(m), timeout);

    public Task<OrchestrationMetadata> WaitForEndAsync(string instanceId, TimeSpan timeout) => WaitAsync(instanceId, IsDone, timeout);

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

    static bool IsDone(OrchestrationMetadata m) => m.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    async Task UploadRevenueAsync()
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

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/review/[A-Za-z0-9._~%\-]+")]
    private static partial Regex ReviewLinkPattern();
}
