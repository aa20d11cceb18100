using System.Diagnostics;
using System.Net;
using CoSell.Benchmarks.Infrastructure;
using CoSell.Domain;
using CoSell.Workflow;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using Microsoft.DurableTask.Client;

namespace CoSell.Benchmarks.Reevaluation;

/// <summary>What the seeded month should produce, and what the run produced.</summary>
public sealed record ReevaluationRunResult(
    int Offers,
    int Organisations,
    double SeedSeconds,
    double Seconds,
    double OffersPerSecond,
    double PeakRssMb,
    double CpuSeconds,
    double? AzuriteCpuSeconds,
    string AzuriteMode,
    string LoadAverageAtStart,
    StorageRequests? Storage,
    double? StorageRequestsPerOffer,
    ExpectedMonth Expected,
    ReevaluationSummary? Summary,
    string RuntimeStatus,
    IReadOnlyList<string> Problems);

/// <summary>The figures a correct run reports for the synthetic month.</summary>
public sealed record ExpectedMonth(int Evaluated, int Granted, int Withdrawn, int Unchanged, int PartnersNotified);

/// <summary>
/// The monthly re-evaluation on the local host: synthetic reviewed offers spread over organisations (seeded through the
/// stores, untimed), one revenue row per organisation, ~10 % of the offers changing status (one organisation in 20
/// crosses the threshold upwards, one in 20 downwards). Started through <c>POST api/admin/reevaluations/{month}</c>.
/// </summary>
public sealed class ReevaluationBenchmark
{
    readonly StorageEndpoints storage;
    readonly int offers;
    readonly int organisations;
    readonly bool countRequests;
    readonly IReadOnlyDictionary<string, string?>? settings;

    public ReevaluationBenchmark(StorageEndpoints storage, int offers, int organisations, bool countRequests = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.storage = storage;
        this.offers = offers;
        this.organisations = organisations;
        this.countRequests = countRequests;
        this.settings = settings;
    }

    public async Task<ReevaluationRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        string prefix = BenchHost.UniquePrefix("Re");
        await using CountingStorageProxy? proxy = countRequests ? await CountingStorageProxy.StartAsync(storage, cancellationToken) : null;
        proxy?.Rename(prefix + "hub", "{hub}");
        proxy?.Rename(prefix, "{app}");
        (WebApplication app, Uri site) = await BenchHost.StartAsync((proxy?.Front ?? storage).ConnectionString, prefix, [], settings);
        try
        {
            string month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            Stopwatch seeding = Stopwatch.StartNew();
            ExpectedMonth expected = await SyntheticMonth.SeedAsync(app.Services, month, offers, organisations, cancellationToken);
            double seedSeconds = seeding.Elapsed.TotalSeconds;
            await Console.Error.WriteLineAsync($"reeval: seeded {offers} offers / {organisations} orgs in {seedSeconds:0.0} s");

            using HttpClient http = new() { BaseAddress = site };
            http.DefaultRequestHeaders.Add("X-Admin-Key", BenchHost.AdminKey);
            DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
            string id = WorkflowNames.ReevaluationInstanceId(month);
            double idlePerSecond = await Review.ReviewBenchmark.IdleRateAsync(proxy, cancellationToken);
            await using ProcessMeter meter = new();
            TimeSpan cpuBefore = ProcessMeter.CpuTime();
            TimeSpan? azuriteBefore = ProcessMeter.AzuriteCpuTime();
            string load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Trim() : "unknown";
            IReadOnlyDictionary<string, long> before = proxy?.Snapshot() ?? new Dictionary<string, long>();
            Stopwatch clock = Stopwatch.StartNew();
            using HttpResponseMessage started = await http.PostAsync($"api/admin/reevaluations/{month}", null, cancellationToken);
            List<string> problems = [];
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                problems.Add($"start answered {(int)started.StatusCode}");
            }

            OrchestrationMetadata? state = null;
            using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(20));
            while (state?.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            {
                await Task.Delay(250, deadline.Token);
                state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token);
                if (clock.Elapsed.TotalSeconds % 10 < 0.3)
                {
                    await Console.Error.WriteLineAsync($"reeval: {clock.Elapsed.TotalSeconds:0} s {state?.RuntimeStatus} {state?.SerializedCustomStatus}");
                }
            }

            double seconds = clock.Elapsed.TotalSeconds;
            IReadOnlyDictionary<string, long> after = proxy?.Snapshot() ?? new Dictionary<string, long>();
            double cpu = (ProcessMeter.CpuTime() - cpuBefore).TotalSeconds;
            double? azuriteCpu = (ProcessMeter.AzuriteCpuTime() - azuriteBefore)?.TotalSeconds;
            ReevaluationSummary? summary = state.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? state.ReadOutputAs<ReevaluationSummary>() : null;
            if (summary is null)
            {
                problems.Add($"run ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
            }
            else if ((summary.Evaluated, summary.Granted, summary.Withdrawn, summary.Unchanged, summary.PartnersNotified, summary.Errors, summary.MissingRevenue)
                != (expected.Evaluated, expected.Granted, expected.Withdrawn, expected.Unchanged, expected.PartnersNotified, 0, 0))
            {
                problems.Add($"summary {summary.Evaluated}/{summary.Granted}/{summary.Withdrawn}/{summary.Unchanged}/{summary.PartnersNotified} errors {summary.Errors} missing {summary.MissingRevenue}; expected {expected}");
            }

            if (proxy is { Forbidden: > 0 })
            {
                problems.Add($"{proxy.Forbidden} storage requests refused as badly signed behind the counting proxy");
            }

            StorageRequests? requests = proxy is null ? null : StorageRequests.Between(before, after, idlePerSecond);
            double? perOffer = requests is null ? null : Math.Max(0, requests.Total - (idlePerSecond * seconds)) / offers;
            return new ReevaluationRunResult(offers, organisations, seedSeconds, seconds, offers / seconds, meter.PeakRssMb, cpu, azuriteCpu,
                Environment.GetEnvironmentVariable("COSELL_BENCH_AZURITE_MODE") ?? "unknown", load,
                requests, perOffer, expected, summary, state.RuntimeStatus.ToString(), problems);
        }
        finally
        {
            await BenchHost.StopAsync(app);
        }
    }
}

/// <summary>Seeds a month: reviewed offers with a current status, and a revenue row per organisation.</summary>
public static class SyntheticMonth
{
    static readonly DateTimeOffset ReviewedAt = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Organisation k (0-based) holds offers k, k + orgs, k + 2·orgs, …. k % 20 == 0: stored CoSellReady, ACR 150,000 → granted;
    /// k % 20 == 10: stored CoSellIncentivized, ACR 5,000 → withdrawn; odd k: incentivized and 150,000; other even k: ready and 5,000.
    /// </summary>
    public static async Task<ExpectedMonth> SeedAsync(IServiceProvider services, string month, int offerCount, int organisationCount, CancellationToken cancellationToken)
    {
        IOfferStore offers = services.GetRequiredService<IOfferStore>();
        List<OrganisationProfile> revenue = [.. Enumerable.Range(0, organisationCount).Select(k =>
            new OrganisationProfile(OrgId(k), month, Rich(k) ? 150_000m : 5_000m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false))];
        await services.GetRequiredService<IRevenueStore>().ImportAsync(month, revenue, cancellationToken);

        int granted = 0, withdrawn = 0;
        HashSet<int> changedOrgs = [];
        for (int i = 0; i < offerCount; i++)
        {
            int k = i % organisationCount;
            granted += k % 20 == 0 ? 1 : 0;
            withdrawn += k % 20 == 10 ? 1 : 0;
            if (k % 20 is 0 or 10)
            {
                changedOrgs.Add(k);
            }
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, offerCount), new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            int k = i % organisationCount;
            CoSellStatus stored = StoredIncentivized(k) ? CoSellStatus.CoSellIncentivized : CoSellStatus.CoSellReady;
            await offers.CreateAsync(Reviewed(OrgId(k), $"o-{i:D6}", stored), ct);
        });
        return new ExpectedMonth(offerCount, granted, withdrawn, offerCount - granted - withdrawn, changedOrgs.Count);
    }

    public static string OrgId(int k) => $"org-{k:D5}";

    static bool Rich(int k) => k % 20 == 0 || k % 2 == 1;

    static bool StoredIncentivized(int k) => k % 2 == 1 || k % 20 == 10;

    static OfferRecord Reviewed(string partnerId, string offerId, CoSellStatus status)
    {
        Offer offer = new(partnerId, offerId, "Synthetic " + offerId, SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: false,
            ["US", "DE"], CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true,
            BuiltOnAzure: true, RepeatableIpShare: 0.75m);
        CoSellMaterials materials = new(
            [new CollateralDocument(DocumentType.OnePager, "one-pager.pdf", $"{partnerId}/{offerId}/OnePager/one-pager.pdf", 52_345)],
            "https://example.com/" + offerId,
            "https://example.com/case-study",
            [new SalesContact("Seller", "seller@example.com", "Account executive", "Sales", ["US", "DE"])]);
        Submission submission = new(offer, materials, 1);
        bool incentivized = status == CoSellStatus.CoSellIncentivized;
        Evaluation evaluation = new(
            status,
            incentivized ? [IncentiveTrack.AzureIp] : [],
            [new RequirementResult("1.publishing", 1, "Marketplace publishing requirements", true, "The offer meets them.")],
            []);
        OfferStatusSnapshot snapshot = new(status, evaluation, $"cosell-{partnerId}.{offerId}-1", 1, ReviewedAt,
            "reviewer@example.com", "Approved by the reviewer", ReviewerApproved: true, "partner@example.com", submission,
            [new CollateralFinding(DocumentType.OnePager, "one-pager.pdf", true, "A 2-page PDF.")]);
        return new OfferRecord(offer, materials, 1, ReviewedAt, snapshot, null);
    }
}
