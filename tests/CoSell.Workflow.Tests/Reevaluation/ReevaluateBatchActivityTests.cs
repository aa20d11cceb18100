using CoSell.Domain;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Reevaluation;

public sealed class ReevaluateBatchActivityTests
{
    private readonly InMemoryOfferStore offers = new();
    private readonly InMemoryRevenueStore revenue = new();
    private readonly InMemoryHistoryStore history = new();

    private ReevaluateBatchActivity Activity => new(offers, revenue, history);

    [Fact]
    public async Task RunAsync_AcrRisesAboveThreshold_GrantsIncentivizedWithHistory()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 120_000m);

        IReadOnlyList<OfferReevaluation> results = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        OfferReevaluation result = Assert.Single(results);
        Assert.Equal(ReevaluationOutcome.Granted, result.Outcome);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (result.From, result.To));
        Assert.Equal(120_000m, result.AcrTtmUsd);
        Assert.Equal(ReviewedOffers.PartnerEmail("fabrikam"), result.PartnerEmail);
        OfferStatusSnapshot current = (await offers.GetAsync("fabrikam", "fab-crm"))!.Current!;
        Assert.Equal(CoSellStatus.CoSellIncentivized, current.Status);
        Assert.Equal(CoSellStatus.CoSellReady, current.PreviousStatus);
        Assert.Equal(ReviewedOffers.InstanceId, current.InstanceId);
        Assert.True(current.ReviewerApproved);
        Assert.Contains(IncentiveTrack.AzureIp, current.Evaluation.Tracks);
        HistoryEntry entry = Assert.Single(history.All);
        Assert.Equal("reeval-2026-11-fabrikam-fab-crm", entry.EntryId);
        Assert.Equal(HistoryKind.Reevaluated, entry.Kind);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (entry.FromStatus, entry.ToStatus));
        Assert.Contains("120,000.00 USD", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(ReviewedOffers.RunAt, entry.At);
    }

    [Fact]
    public async Task RunAsync_AcrFallsBelowThreshold_WithdrawsToCoSellReady()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellIncentivized);
        await revenue.AcrAsync("fabrikam", 99_999.99m);

        OfferReevaluation result = Assert.Single(await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.Withdrawn, result.Outcome);
        Assert.Equal(CoSellStatus.CoSellReady, await offers.StatusAsync("fabrikam", "fab-crm"));
        HistoryEntry entry = Assert.Single(history.All);
        Assert.Equal((CoSellStatus.CoSellIncentivized, CoSellStatus.CoSellReady), (entry.FromStatus, entry.ToStatus));
        Assert.Contains(entry.Evidence!, e => e.StartsWith(RequirementIds.AzureIpRevenue + ": not met", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StatusStillMatchesRevenue_WritesNothing()
    {
        OfferRecord ready = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        OfferRecord incentivized = offers.Seed("tailspin", "tail-erp", CoSellStatus.CoSellIncentivized);
        await revenue.AcrAsync("fabrikam", 10_000m);
        await revenue.AcrAsync("tailspin", 100_000m);

        IReadOnlyList<OfferReevaluation> results = await Activity.RunAsync(ReviewedOffers.Batch(ready, incentivized), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ReevaluationOutcome.Unchanged, r.Outcome));
        Assert.Equal(0, offers.Replaces);
        Assert.Empty(history.All);
    }

    [Fact]
    public async Task RunAsync_NoRevenueRowForMonth_FlagsAndKeepsStatus()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellIncentivized);
        await revenue.AcrAsync("fabrikam", 500_000m, month: "2026-10");

        OfferReevaluation result = Assert.Single(await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.MissingRevenue, result.Outcome);
        Assert.Contains("no revenue row for 2026-11", result.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CoSellStatus.CoSellIncentivized, await offers.StatusAsync("fabrikam", "fab-crm"));
        Assert.Empty(history.All);
    }

    [Fact]
    public async Task RunAsync_OfferNoLongerReviewed_SkipsIt()
    {
        OfferRecord notReady = offers.Seed("fabrikam", "fab-crm", CoSellStatus.NotReady);
        await revenue.AcrAsync("fabrikam", 500_000m);

        OfferReevaluation result = Assert.Single(await Activity.RunAsync(ReviewedOffers.Batch(notReady), CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.Skipped, result.Outcome);
        Assert.Equal(CoSellStatus.NotReady, await offers.StatusAsync("fabrikam", "fab-crm"));
        Assert.Equal(0, offers.Replaces);
    }

    [Fact]
    public async Task RunAsync_SameBatchTwice_WritesOnceAndReportsTheSameChange()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        ReevaluationBatchRequest batch = ReviewedOffers.Batch(offer);

        OfferReevaluation first = Assert.Single(await Activity.RunAsync(batch, CancellationToken.None));
        OfferReevaluation second = Assert.Single(await Activity.RunAsync(batch, CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.Granted, first.Outcome);
        Assert.Equal(first, second);
        Assert.Equal(1, offers.Replaces);
        Assert.Single(history.All);
    }

    [Fact]
    public async Task RunAsync_ConcurrentWriterChangesRow_ReloadsAndDecidesAgain()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        bool interfered = false;
        offers.BeforeReplace = async record =>
        {
            if (!interfered)
            {
                interfered = true;
                OfferRecord stored = (await offers.GetAsync(record.PartnerId, record.OfferId))!;
                offers.Seed(stored with { UpdatedAt = ReviewedOffers.RunAt });
            }
        };

        OfferReevaluation result = Assert.Single(await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.Granted, result.Outcome);
        Assert.Equal(1, offers.Conflicts);
        OfferRecord stored = (await offers.GetAsync("fabrikam", "fab-crm"))!;
        Assert.Equal(CoSellStatus.CoSellIncentivized, stored.Current!.Status);
        Assert.Equal(ReviewedOffers.RunAt, stored.UpdatedAt);
        Assert.Single(history.All);
    }

    [Fact]
    public async Task RunAsync_OfferApprovedByNoReviewer_SkipsIt()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady, reviewerApproved: false);
        await revenue.AcrAsync("fabrikam", 150_000m);

        OfferReevaluation result = Assert.Single(await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None));

        Assert.Equal(ReevaluationOutcome.Skipped, result.Outcome);
        Assert.Equal(CoSellStatus.CoSellReady, await offers.StatusAsync("fabrikam", "fab-crm"));
    }

    [Fact]
    public async Task RunAsync_SeveralOffersOfOneOrganisation_ReadsItsRevenueRowOnce()
    {
        OfferRecord[] batch = [.. Enumerable.Range(1, 3).Select(i => offers.Seed("fabrikam", $"fab-{i}", CoSellStatus.CoSellReady))];
        await revenue.AcrAsync("fabrikam", 150_000m);
        int reads = 0;
        revenue.BeforeGet = _ =>
        {
            reads++;
            return Task.CompletedTask;
        };

        IReadOnlyList<OfferReevaluation> results = await Activity.RunAsync(ReviewedOffers.Batch(batch), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ReevaluationOutcome.Granted, r.Outcome));
        Assert.Equal(1, reads);
    }
}
