using CoSell.Benchmarks.Infrastructure;
using CoSell.Benchmarks.Reevaluation;
using CoSell.Benchmarks.Review;
using CoSell.Integration.Tests.Engine;

namespace CoSell.Integration.Tests.Benchmarks;

/// <summary>
/// Each benchmark at N ≈ 3 against Azurite, through the counting proxy: the workload does the real work correctly
/// (every review decided and recorded, the re-evaluation's figures match the seeded month). No timing is asserted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BenchmarkSmokeTests
{
    static StorageEndpoints Storage => StorageEndpoints.Parse(TestStorage.ConnectionString);

    [Fact]
    public async Task ReviewBenchmark_ThreeSubmissionsOverHttp_EveryReviewApprovedAndRecorded()
    {
        ReviewRunResult run = await new ReviewBenchmark(new ReviewBenchmarkOptions(Storage, 3) { Timeout = TimeSpan.FromMinutes(3) }).RunAsync();

        Assert.Empty(run.Problems);
        Assert.Equal((3, 3), (run.Completed, run.Approved));
        Assert.Equal(3, run.SubmitToReviewerMail.Count);
        Assert.Equal(3, run.DecisionToOutcome.Count);
        Assert.NotNull(run.Storage);
        Assert.Contains(run.Storage.ByKind, kind => kind.Key.StartsWith("table PUT {app}coselloffers", StringComparison.Ordinal));
        Assert.Contains(run.Storage.ByKind, kind => kind.Key.StartsWith("queue POST {hub}-workitems", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BareShapeBenchmark_ThreeInstancesOnProviderDefaults_AllCompleteWithTheDecision()
    {
        ReviewRunResult run = await new BareShapeBenchmark(Storage, 3).RunAsync();

        Assert.Empty(run.Problems);
        Assert.Equal(3, run.Completed);
        Assert.Equal(3, run.DecisionToOutcome.Count);
        Assert.True(run.StorageRequestsPerReview > 0);
    }

    [Fact]
    public void BareShapeBenchmark_ProviderDefaults_AreTheProvidersOwnValues()
    {
        Dictionary<string, string?> defaults = BareShapeBenchmark.ProviderDefaults();

        Assert.Equal("4", defaults["LocalEngine:PartitionCount"]);
        Assert.Equal("00:00:30", defaults["LocalEngine:MaxQueuePollingInterval"]);
    }

    [Fact]
    public async Task ReevaluationBenchmark_ThirtyOffersOverTwentyOrganisations_SummaryMatchesTheSeededMonth()
    {
        ReevaluationRunResult run = await new ReevaluationBenchmark(Storage, offers: 30, organisations: 20).RunAsync();

        Assert.Empty(run.Problems);
        Assert.Equal("Completed", run.RuntimeStatus);
        Assert.Equal(new ExpectedMonth(Evaluated: 30, Granted: 2, Withdrawn: 1, Unchanged: 27, PartnersNotified: 2), run.Expected);
        Assert.NotNull(run.Summary);
        Assert.Equal(
            (30, 2, 1, 27, 2, 0, 0),
            (run.Summary.Evaluated, run.Summary.Granted, run.Summary.Withdrawn, run.Summary.Unchanged, run.Summary.PartnersNotified, run.Summary.Errors, run.Summary.MissingRevenue));
        Assert.True(run.StorageRequestsPerOffer > 0);
    }

    [Fact]
    public async Task WaitingBenchmark_ThreeReviewsHeldWithoutDecision_EveryReviewerMailArrives()
    {
        ReviewRunResult run = await new ReviewBenchmark(new ReviewBenchmarkOptions(Storage, 3)
        {
            Decide = false,
            HoldFor = TimeSpan.FromSeconds(1),
            Settle = TimeSpan.Zero,
            Timeout = TimeSpan.FromMinutes(3),
        }).RunAsync();

        Assert.Empty(run.Problems);
        Assert.Equal("waiting", run.Workload);
        Assert.Equal(3, run.SubmitToReviewerMail.Count);
        Assert.Equal(0, run.DecisionToOutcome.Count);
    }
}
