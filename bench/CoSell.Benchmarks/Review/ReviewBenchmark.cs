using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoSell.Adapters.SendGrid;
using CoSell.Benchmarks.Infrastructure;
using CoSell.Domain;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Benchmarks.Review;

/// <summary>What one review run measured.</summary>
public sealed record ReviewRunResult(
    string Workload,
    int Reviews,
    double Seconds,
    double ReviewsPerSecond,
    LatencySummary SubmitToReviewerMail,
    LatencySummary DecisionToOutcome,
    double PeakRssMb,
    double CpuSeconds,
    StorageRequests? Storage,
    double? StorageRequestsPerReview,
    int Completed,
    int Approved,
    IReadOnlyList<string> Problems)
{
    /// <summary>The waiting-cost window (reviews parked on their external event), when the run held one.</summary>
    public WaitWindow? Waiting { get; init; }
}

/// <summary>Cost of <paramref name="Reviews"/> reviews waiting for a decision over <paramref name="Seconds"/>: host CPU, RSS, storage polling.</summary>
public sealed record WaitWindow(int Reviews, double Seconds, double CpuSeconds, double RssStartMb, double RssEndMb, double? StorageRequestsPerSecond);

/// <summary>
/// The product's review end to end through the real HTTP API: seed N offers (stores, untimed), POST every submission,
/// watch the local mailbox and POST the reviewer's decision to the signed link as soon as each reviewer mail lands,
/// and time submit → reviewer mail and decision → partner outcome mail (sent after the status is recorded).
/// </summary>
public sealed partial class ReviewBenchmark
{
    public const string Partner = "bench";
    public const string PartnerEmail = "partner@bench.example";

    readonly ReviewBenchmarkOptions options;

    public ReviewBenchmark(ReviewBenchmarkOptions options) => this.options = options;

    public async Task<ReviewRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        string prefix = BenchHost.UniquePrefix("Rv");
        await using CountingStorageProxy? proxy = options.CountRequests ? await CountingStorageProxy.StartAsync(options.Storage, cancellationToken) : null;
        proxy?.Rename(prefix + "hub", "{hub}");
        proxy?.Rename(prefix, "{app}");
        string connection = (proxy?.Front ?? options.Storage).ConnectionString;
        (WebApplication app, Uri site) = await BenchHost.StartAsync(connection, prefix, [Partner], options.Settings);
        try
        {
            string[] offerIds = await SeedAsync(app, options.Reviews, cancellationToken);
            using HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = site, Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Add("X-Partner-Key", BenchHost.PartnerKey);
            MailboxStore mailbox = app.Services.GetRequiredService<MailboxStore>();
            mailbox.Clear();

            double idlePerSecond = await IdleRateAsync(proxy, cancellationToken);
            if (options.IdleBefore > TimeSpan.Zero)
            {
                await Task.Delay(options.IdleBefore, cancellationToken);
            }

            await using ProcessMeter meter = new();
            TimeSpan cpuBefore = ProcessMeter.CpuTime();
            IReadOnlyDictionary<string, long> before = proxy?.Snapshot() ?? new Dictionary<string, long>();
            Stopwatch clock = Stopwatch.StartNew();
            RunState state = new(offerIds.Length);
            using CancellationTokenSource watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task watcher = WatchMailboxAsync(mailbox, http, state, clock, options.Decide, watching.Token);

            using SemaphoreSlim gate = new(options.MaxConcurrentSubmits);
            await Task.WhenAll(offerIds.Select(async offerId =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await SubmitAsync(http, offerId, state, clock, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));

            using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Timeout);
            Task target = options.Decide ? state.AllOutcomes.Task : state.AllReviewerMails.Task;
            try
            {
                await target.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                state.Problems.Add($"timed out after {options.Timeout}: {state.ReviewerMailLatency.Count}/{state.Expected} reviewer mails, {state.OutcomeLatency.Count} outcomes");
            }

            double seconds = clock.Elapsed.TotalSeconds;

            WaitWindow? wait = null;
            if (options.HoldFor > TimeSpan.Zero)
            {
                // The load generator leaves before the window: the mailbox watcher rereads every captured mail every few
                // milliseconds, and the captured mails (SendGrid holds them in production, not the host) are tens of
                // megabytes at 10,000 reviews; both would be measured as the host's cost. Then the work after each
                // reviewer mail drains (storage traffic back to idle polling), and one full GC returns what the burst used.
                await watching.CancelAsync();
                await watcher.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                mailbox.Clear();
                if (proxy is null)
                {
                    await Task.Delay(options.QuietBeforeHold, cancellationToken);
                }
                else
                {
                    await proxy.WaitUntilQuietAsync(idlePerSecond, options.QuietBeforeHold, TimeSpan.FromMinutes(5), cancellationToken);
                }

                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                TimeSpan cpuAtHold = ProcessMeter.CpuTime();
                long requestsAtHold = proxy?.Total ?? 0;
                double rssAtHold = ProcessMeter.CurrentRssBytes() / 1024.0 / 1024.0;
                Stopwatch held = Stopwatch.StartNew();
                await Task.Delay(options.HoldFor, cancellationToken);
                wait = new WaitWindow(
                    offerIds.Length,
                    held.Elapsed.TotalSeconds,
                    (ProcessMeter.CpuTime() - cpuAtHold).TotalSeconds,
                    rssAtHold,
                    ProcessMeter.CurrentRssBytes() / 1024.0 / 1024.0,
                    proxy is null ? null : (proxy.Total - requestsAtHold) / held.Elapsed.TotalSeconds);
                seconds = clock.Elapsed.TotalSeconds;
            }

            if (proxy is null)
            {
                await Task.Delay(options.Settle, cancellationToken);
            }
            else
            {
                await proxy.WaitUntilQuietAsync(idlePerSecond, options.Settle, TimeSpan.FromSeconds(60), cancellationToken);
            }

            IReadOnlyDictionary<string, long> after = proxy?.Snapshot() ?? new Dictionary<string, long>();
            double cpu = (ProcessMeter.CpuTime() - cpuBefore).TotalSeconds;
            double peak = meter.PeakRssMb;
            await watching.CancelAsync();
            await watcher.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            (int completed, int approved, List<string> problems) = options.Decide
                ? await VerifyAsync(app, offerIds, cancellationToken)
                : (0, 0, new List<string>());
            problems.AddRange(state.Problems);
            if (proxy is { Forbidden: > 0 })
            {
                problems.Add($"{proxy.Forbidden} storage requests refused as badly signed behind the counting proxy");
            }

            StorageRequests? storage = proxy is null ? null : StorageRequests.Between(before, after, idlePerSecond);
            double? perReview = storage is null ? null
                : Math.Max(0, storage.Total - (idlePerSecond * clock.Elapsed.TotalSeconds)) / offerIds.Length;
            return new ReviewRunResult(
                options.HoldFor > TimeSpan.Zero ? "waiting" : options.IdleBefore > TimeSpan.Zero ? $"review after {options.IdleBefore.TotalSeconds:0} s idle" : "review",
                offerIds.Length,
                seconds,
                offerIds.Length / seconds,
                LatencySummary.Of(state.ReviewerMailLatency.Values),
                LatencySummary.Of(state.OutcomeLatency.Values),
                peak,
                cpu,
                storage,
                perReview,
                completed,
                approved,
                problems)
            {
                Waiting = wait,
            };
        }
        finally
        {
            await BenchHost.StopAsync(app);
        }
    }

    /// <summary>Idle storage polling of the engine (requests per second over 3 s), so a run can subtract it.</summary>
    internal static async Task<double> IdleRateAsync(CountingStorageProxy? proxy, CancellationToken cancellationToken)
    {
        if (proxy is null)
        {
            return 0;
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long start = proxy.Total;
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        return (proxy.Total - start) / 3.0;
    }

    static async Task<string[]> SeedAsync(WebApplication app, int count, CancellationToken cancellationToken)
    {
        IOfferStore offers = app.Services.GetRequiredService<IOfferStore>();
        ICollateralStore collateral = app.Services.GetRequiredService<ICollateralStore>();
        string month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await app.Services.GetRequiredService<IRevenueStore>().ImportAsync(
            month, [new OrganisationProfile(Partner, month, 150_000.00m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false)], cancellationToken);
        string[] ids = [.. Enumerable.Range(1, count).Select(i => $"offer-{i:D5}")];
        byte[] pdf = SyntheticPdf.OnePage("Bench one-pager");
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (offerId, ct) =>
        {
            using MemoryStream stream = new(pdf);
            CollateralDocument onePager = await collateral.UploadAsync(Partner, offerId, DocumentType.OnePager, "one-pager.pdf", stream, ct);
            Offer offer = new(Partner, offerId, "Bench " + offerId, SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: true,
                EligibleCountries: ["US", "GB"], CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true,
                BuiltOnAzure: true, RepeatableIpShare: 0.8m);
            CoSellMaterials materials = new(
                [onePager],
                "https://bench.example/" + offerId,
                "https://bench.example/case-study",
                [new SalesContact("Ana Silva", "ana@bench.example", "Partner lead", "Sales", ["US", "GB"])]);
            await offers.CreateAsync(new OfferRecord(offer, materials, 1, DateTimeOffset.UtcNow, null, null), ct);
        });
        return ids;
    }

    static async Task SubmitAsync(HttpClient http, string offerId, RunState state, Stopwatch clock, CancellationToken cancellationToken)
    {
        TimeSpan sent = clock.Elapsed;
        using HttpResponseMessage response = await http.PostAsJsonAsync(
            $"api/partners/{Partner}/offers/{offerId}/submissions", new { submittedBy = PartnerEmail }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            state.Problems.Add($"submit {offerId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return;
        }

        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        string id = body.RootElement.GetProperty("id").GetString()!;
        state.SubmittedAt[id] = sent;
        state.Instances[id] = offerId;
    }

    /// <summary>Reads new mail every 5 ms; a reviewer mail gets its decision POSTed at once, a partner outcome mail closes the timing.</summary>
    static async Task WatchMailboxAsync(MailboxStore mailbox, HttpClient http, RunState state, Stopwatch clock, bool decide, CancellationToken cancellationToken)
    {
        int seen = 0;
        List<Task> decisions = [];
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<CapturedMail> all = mailbox.List();
            TimeSpan now = clock.Elapsed;
            for (int i = all.Count - seen - 1; i >= 0; i--)
            {
                CapturedMail mail = all[i];
                if (!mail.CustomArgs.TryGetValue(SendGridNotifier.CustomArgName, out string? key) || key.LastIndexOf('/') is var slash && slash < 0)
                {
                    continue;
                }

                string instanceId = key[..slash];
                string step = key[(slash + 1)..];
                if (step == NotificationSteps.ReviewerLink(1, reminder: false))
                {
                    await RecordReviewerMailAsync(state, instanceId, now);
                    if (decide)
                    {
                        decisions.Add(DecideAsync(http, mail, instanceId, state, clock, cancellationToken));
                    }
                }
                else if (step == NotificationSteps.PartnerOutcome && state.DecidedAt.TryGetValue(instanceId, out TimeSpan decided) && state.OutcomeLatency.TryAdd(instanceId, now - decided)
                    && state.OutcomeLatency.Count == state.Expected)
                {
                    state.AllOutcomes.TrySetResult();
                }
            }

            seen = all.Count;
            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(decisions).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    static async Task RecordReviewerMailAsync(RunState state, string instanceId, TimeSpan now)
    {
        // The submit answer may still be on its way back when the mail lands; wait for it briefly.
        for (int i = 0; i < 200 && !state.SubmittedAt.ContainsKey(instanceId); i++)
        {
            await Task.Delay(5);
        }

        if (state.SubmittedAt.TryGetValue(instanceId, out TimeSpan submitted) && state.ReviewerMailLatency.TryAdd(instanceId, now - submitted)
            && state.ReviewerMailLatency.Count == state.Expected)
        {
            state.AllReviewerMails.TrySetResult();
        }
    }

    static async Task DecideAsync(HttpClient http, CapturedMail mail, string instanceId, RunState state, Stopwatch clock, CancellationToken cancellationToken)
    {
        Match link = ReviewLink().Match(mail.Text ?? string.Empty);
        if (!link.Success)
        {
            state.Problems.Add($"{instanceId}: no review link in the reviewer mail");
            return;
        }

        state.DecidedAt[instanceId] = clock.Elapsed;
        using FormUrlEncodedContent form = new([new("decision", "approve"), new("comment", "Benchmark approval")]);
        using HttpResponseMessage response = await http.PostAsync(new Uri(link.Value, UriKind.Absolute).PathAndQuery.TrimStart('/'), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            state.Problems.Add($"{instanceId}: decision answered {(int)response.StatusCode}");
        }
    }

    static async Task<(int Completed, int Approved, List<string> Problems)> VerifyAsync(WebApplication app, string[] offerIds, CancellationToken cancellationToken)
    {
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        IOfferStore offers = app.Services.GetRequiredService<IOfferStore>();
        int completed = 0, approved = 0;
        List<string> problems = [];
        foreach (string offerId in offerIds)
        {
            string id = WorkflowNames.ReviewInstanceId(Partner, offerId, 1);
            OrchestrationMetadata? state = null;
            // The last episodes (two history rows after the outcome mail) may still be queued: give stragglers a minute.
            for (int attempt = 0; attempt < 300; attempt++)
            {
                state = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
                if (state?.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed)
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            OfferRecord? record = await offers.GetAsync(Partner, offerId, cancellationToken);
            completed += state?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 1 : 0;
            approved += record?.Current is { Status: CoSellStatus.CoSellIncentivized, ReviewerApproved: true } ? 1 : 0;
            if (state?.RuntimeStatus != OrchestrationRuntimeStatus.Completed || record?.Current?.Status != CoSellStatus.CoSellIncentivized)
            {
                problems.Add($"{offerId}: {state?.RuntimeStatus.ToString() ?? "missing"}, status {record?.Current?.Status.ToString() ?? "none"}");
            }
        }

        return (completed, approved, problems);
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+/review/[A-Za-z0-9._~%\-]+")]
    private static partial Regex ReviewLink();

    sealed class RunState(int expected)
    {
        public int Expected { get; } = expected;

        public ConcurrentDictionary<string, TimeSpan> SubmittedAt { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, string> Instances { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, TimeSpan> DecidedAt { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, TimeSpan> ReviewerMailLatency { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, TimeSpan> OutcomeLatency { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> Problems { get; } = [];

        public TaskCompletionSource AllReviewerMails { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource AllOutcomes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Settings of a review run.</summary>
public sealed record ReviewBenchmarkOptions(StorageEndpoints Storage, int Reviews)
{
    public bool CountRequests { get; init; } = true;

    /// <summary>False: only wait for the reviewer mails (the waiting-cost workload).</summary>
    public bool Decide { get; init; } = true;

    /// <summary>After every reviewer mail arrived (or every outcome), keep measuring this long.</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.Zero;

    /// <summary>Waiting workload: pause between the last reviewer mail and the measured window.</summary>
    public TimeSpan QuietBeforeHold { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Least pause before the last storage snapshot; with the counting proxy the run then waits until storage traffic is
    /// back to idle polling, so the history write and the completion episode after each outcome mail are counted.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Let the host idle this long (queues back off to their longest polling interval) before the first submit.</summary>
    public TimeSpan IdleBefore { get; init; } = TimeSpan.Zero;

    public int MaxConcurrentSubmits { get; init; } = 32;

    /// <summary>How long all submissions may take to reach their reviewer mail (or outcome); the waiting workload allows 0.3 s per review when that is longer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    public IReadOnlyDictionary<string, string?>? Settings { get; init; }
}
