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

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        OfferReevaluation result = Assert.Single(batch.Changes);
        Assert.Equal((Evaluated: 1, Unchanged: 0), (batch.Evaluated, batch.Unchanged));
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

        OfferReevaluation result = Assert.Single((await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None)).Changes);

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

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(ready, incentivized), CancellationToken.None);

        Assert.Equal((Evaluated: 2, Unchanged: 2), (batch.Evaluated, batch.Unchanged));
        Assert.Empty(batch.Changes);
        Assert.Empty(batch.Issues);
        Assert.Equal(0, offers.Replaces);
        Assert.Empty(history.All);
    }

    [Fact]
    public async Task RunAsync_NoRevenueRowForMonth_FlagsAndKeepsStatus()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellIncentivized);
        await revenue.AcrAsync("fabrikam", 500_000m, month: "2026-10");

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal((Evaluated: 1, MissingRevenue: 1), (batch.Evaluated, batch.MissingRevenue));
        Assert.Empty(batch.Changes);
        ReevaluationIssue issue = Assert.Single(batch.Issues);
        Assert.Equal(("fabrikam", "fab-crm", ReevaluationOutcome.MissingRevenue), (issue.PartnerId, issue.OfferId, issue.Outcome));
        Assert.Contains("no revenue row for 2026-11", issue.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CoSellStatus.CoSellIncentivized, await offers.StatusAsync("fabrikam", "fab-crm"));
        Assert.Empty(history.All);
    }

    [Fact]
    public async Task RunAsync_OfferNoLongerReviewed_IsNeitherEvaluatedNorWritten()
    {
        OfferRecord notReady = offers.Seed("fabrikam", "fab-crm", CoSellStatus.NotReady);
        await revenue.AcrAsync("fabrikam", 500_000m);

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(notReady), CancellationToken.None);

        Assert.Equal((Evaluated: 0, Skipped: 0), (batch.Evaluated, batch.Skipped));
        Assert.Equal(CoSellStatus.NotReady, await offers.StatusAsync("fabrikam", "fab-crm"));
        Assert.Equal(0, offers.Replaces);
    }

    [Fact]
    public async Task RunAsync_SameBatchTwice_WritesOnceAndReportsTheSameChange()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        ReevaluationBatchRequest batch = ReviewedOffers.Batch(offer);

        OfferReevaluation first = Assert.Single((await Activity.RunAsync(batch, CancellationToken.None)).Changes);
        OfferReevaluation second = Assert.Single((await Activity.RunAsync(batch, CancellationToken.None)).Changes);

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

        OfferReevaluation result = Assert.Single((await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None)).Changes);

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

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal((Evaluated: 0, Skipped: 1), (batch.Evaluated, batch.Skipped));
        Assert.Equal(CoSellStatus.CoSellReady, await offers.StatusAsync("fabrikam", "fab-crm"));
    }

    [Fact]
    public async Task RunAsync_SeveralOffersOfOneOrganisation_ReadsItsRevenueRowOnceAndWritesThemTogether()
    {
        OfferRecord[] batch = [.. Enumerable.Range(1, 3).Select(i => offers.Seed("fabrikam", $"fab-{i}", CoSellStatus.CoSellReady))];
        await revenue.AcrAsync("fabrikam", 150_000m);
        int reads = 0;
        revenue.BeforeGet = _ =>
        {
            reads++;
            return Task.CompletedTask;
        };

        ReevaluationBatchResult result = await Activity.RunAsync(ReviewedOffers.Batch(batch), CancellationToken.None);

        Assert.Equal(3, result.Changes.Count);
        Assert.All(result.Changes, r => Assert.Equal(ReevaluationOutcome.Granted, r.Outcome));
        Assert.Equal(1, reads);
        Assert.Equal((Transactions: 1, Replaces: 3), (offers.Transactions, offers.Replaces));
        Assert.Equal(3, history.All.Count);
    }

    [Fact]
    public async Task RunAsync_OneOfAPartnersOffersReviewedMeanwhile_NothingOverwrittenAndEachDecidedAgain()
    {
        OfferRecord kept = offers.Seed("fabrikam", "fab-a", CoSellStatus.CoSellReady);
        OfferRecord reviewed = offers.Seed("fabrikam", "fab-b", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        bool interfered = false;
        offers.BeforeReplace = record =>
        {
            if (!interfered && record.OfferId == "fab-b")
            {
                interfered = true;
                offers.Seed(ReviewedOffers.Approved("fabrikam", "fab-b", CoSellStatus.NotReady));
            }

            return Task.CompletedTask;
        };

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(kept, reviewed), CancellationToken.None);

        OfferReevaluation granted = Assert.Single(batch.Changes);
        Assert.Equal(("fab-a", ReevaluationOutcome.Granted), (granted.OfferId, granted.Outcome));
        Assert.Equal(1, batch.Skipped);
        Assert.Equal(1, offers.Conflicts);
        Assert.Equal(CoSellStatus.CoSellIncentivized, await offers.StatusAsync("fabrikam", "fab-a"));
        Assert.Equal(CoSellStatus.NotReady, await offers.StatusAsync("fabrikam", "fab-b"));
        Assert.Equal(["fab-a"], history.All.Select(e => e.OfferId));
    }

    [Fact]
    public async Task RunAsync_RangeOfOnePartner_LeavesTheOtherPartnersAlone()
    {
        offers.Seed("adatum", "ada-a", CoSellStatus.CoSellReady);
        offers.Seed("fabrikam", "fab-a", CoSellStatus.CoSellReady);
        offers.Seed("fabrikam", "fab-b", CoSellStatus.CoSellReady);
        offers.Seed("tailspin", "tail-a", CoSellStatus.CoSellReady);
        foreach (string partner in new[] { "adatum", "fabrikam", "tailspin" })
        {
            await revenue.AcrAsync(partner, 150_000m);
        }

        ReevaluationBatchResult batch = await Activity.RunAsync(
            ReviewedOffers.Batch() with { Organisations = new OrganisationRange("adatum", "fabrikam", "fabrikam", 1) }, CancellationToken.None);

        Assert.Equal(["fab-a", "fab-b"], batch.Changes.Select(c => c.OfferId));
        Assert.Equal(CoSellStatus.CoSellReady, await offers.StatusAsync("adatum", "ada-a"));
        Assert.Equal(CoSellStatus.CoSellReady, await offers.StatusAsync("tailspin", "tail-a"));
    }

    [Fact]
    public async Task RunAsync_PartnerWithoutRevenueRowInTheRange_FlaggedWithItsOffers()
    {
        offers.Seed("fabrikam", "fab-a", CoSellStatus.CoSellIncentivized);
        offers.Seed("woodgrove", "wood-a", CoSellStatus.CoSellIncentivized);
        await revenue.AcrAsync("fabrikam", 150_000m);

        ReevaluationBatchResult batch = await Activity.RunAsync(
            ReviewedOffers.Batch() with { Organisations = new OrganisationRange("adatum", null, "fabrikam", 1) }, CancellationToken.None);

        Assert.Equal((Evaluated: 2, Unchanged: 1, MissingRevenue: 1), (batch.Evaluated, batch.Unchanged, batch.MissingRevenue));
        Assert.Equal(("woodgrove", "wood-a"), (batch.Issues[0].PartnerId, batch.Issues[0].OfferId));
    }
}
