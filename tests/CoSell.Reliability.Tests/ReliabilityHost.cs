using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
internal sealed partial class ReliabilityHost : ProductClient, IAsyncDisposable
{

    readonly WebApplication _app;

    ReliabilityHost(WebApplication app, string site, string tablePrefix)
        : base(new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(60) })
    {
        _app = app;
        Site = site;
        TablePrefix = tablePrefix;
    }

    public string Site { get; }

    public string TablePrefix { get; }

    public MailboxStore Mailbox => _app.Services.GetRequiredService<MailboxStore>();

    public DurableTaskClient Durable => _app.Services.GetRequiredService<DurableTaskClient>();

    public IOfferStore Offers => _app.Services.GetRequiredService<IOfferStore>();

    public IHistoryStore History => _app.Services.GetRequiredService<IHistoryStore>();

    /// <param name="reviewers">Review:Reviewers (default one reviewer).</param>
    /// <param name="expireAfter">Review:ExpireAfter (default 14 days); the reminder is pushed past it.</param>
    /// <param name="storage">A storage connection string (default: the shared test Azurite).</param>
    /// <param name="settings">Extra settings, applied last.</param>
    public static async Task<ReliabilityHost> StartAsync(
        string hint, IReadOnlyList<string>? reviewers = null, TimeSpan? expireAfter = null, string? storage = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        storage ??= await AzuriteServer.GetConnectionStringAsync();
        string prefix = hint + Guid.NewGuid().ToString("N")[..10];
        string site = $"http://127.0.0.1:{FreePort()}";
        reviewers ??= ["reviewer@cosell.localhost"];
        var all = new Dictionary<string, string?>
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
            all[$"Review:Reviewers:{i}"] = reviewers[i];
        }

        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        WebApplication app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(all);
        });
        await app.StartAsync();
        var host = new ReliabilityHost(app, site, prefix);
        await host.UploadRevenueAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public int MailFaultsRemaining => _app.Services.GetRequiredService<MailboxFaults>().Remaining;

    /// <summary>Every captured mail's notification key ({instanceId}/{step}), one entry per delivered mail.</summary>
    public IReadOnlyList<string> DeliveredKeys()
        => [.. Mailbox.List().Select(m => m.Headers.TryGetValue("X-CoSell-Notification", out string? key) ? key : "(no key)")];

    /// <summary>The review link the reviewer's request mail for <paramref name="instanceId"/> carries (reviewer n, 1-based).</summary>
    public string ReviewLink(string instanceId, int reviewer = 1)
    {
        string key = $"{instanceId}/review-request-{reviewer}";
        CoSell.LocalHost.Mailbox.CapturedMail mail = Mailbox.List().Single(m => m.Headers.TryGetValue("X-CoSell-Notification", out string? k) && k == key);
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

    static bool IsDone(OrchestrationMetadata m) => m.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    static int FreePort() => LoopbackPorts.Free();

    [GeneratedRegex(@"https?://[^\s""<>]+/review/[A-Za-z0-9._~%\-]+")]
    private static partial Regex ReviewLinkPattern();
}
