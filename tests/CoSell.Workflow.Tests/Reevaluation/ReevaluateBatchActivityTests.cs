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
    private readonly RecordingNotifier notifier = new();

    private ReevaluateBatchActivity Activity => new(offers, revenue, history, notifier);

    [Fact]
    public async Task RunAsync_AcrRisesAboveThreshold_GrantsIncentivizedWithHistory()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 120_000m);

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal((Evaluated: 1, Granted: 1, Unchanged: 0, PartnersNotified: 1), (batch.Evaluated, batch.Granted, batch.Unchanged, batch.PartnersNotified));
        NotificationRequest mail = Assert.Single(notifier.Sent);
        Assert.Equal((ReviewedOffers.InstanceId, MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")), (mail.InstanceId, mail.Step));
        Assert.Equal([ReviewedOffers.PartnerEmail("fabrikam")], mail.To);
        Assert.Contains("(fab-crm): now Co-sell incentivized (ACR TTM 120,000.00 USD)", mail.PlainText, StringComparison.Ordinal);
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

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal((Withdrawn: 1, PartnersNotified: 1), (batch.Withdrawn, batch.PartnersNotified));
        Assert.Contains("no longer Co-sell incentivized, now Co-sell ready (ACR TTM 99,999.99 USD)", Assert.Single(notifier.Sent).PlainText, StringComparison.Ordinal);
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

        Assert.Equal((Evaluated: 2, Unchanged: 2, Granted: 0, Withdrawn: 0), (batch.Evaluated, batch.Unchanged, batch.Granted, batch.Withdrawn));
        Assert.Empty(batch.Issues);
        Assert.Empty(notifier.Sent);
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
        Assert.Empty(notifier.Sent);
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

        ReevaluationBatchResult first = await Activity.RunAsync(batch, CancellationToken.None);
        ReevaluationBatchResult second = await Activity.RunAsync(batch, CancellationToken.None);

        Assert.Equal((Granted: 1, PartnersNotified: 1), (first.Granted, first.PartnersNotified));
        Assert.Equal((first.Granted, first.Unchanged, first.PartnersNotified), (second.Granted, second.Unchanged, second.PartnersNotified));
        Assert.Equal(1, offers.Replaces);
        Assert.Single(history.All);
        Assert.Single(notifier.Sent);
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

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal(1, batch.Granted);
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

        Assert.Equal(3, result.Granted);
        NotificationRequest mail = Assert.Single(notifier.Sent);
        Assert.All(batch, o => Assert.Contains($"({o.OfferId}): now Co-sell incentivized", mail.PlainText, StringComparison.Ordinal));
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

        Assert.Equal((Granted: 1, Skipped: 1), (batch.Granted, batch.Skipped));
        NotificationRequest mail = Assert.Single(notifier.Sent);
        Assert.Contains("(fab-a)", mail.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("(fab-b)", mail.PlainText, StringComparison.Ordinal);
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

        Assert.Equal(2, batch.Granted);
        Assert.Equal([MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")], notifier.Sent.Select(m => m.Step));
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

    [Fact]
    public async Task RunAsync_PartnerEmailFailsTransiently_ChangesKeptAndHandedBackForAnotherTry()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        notifier.FailTransiently(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam"), times: 1);

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Equal((Granted: 1, PartnersNotified: 0), (batch.Granted, batch.PartnersNotified));
        PartnerChanges unmailed = Assert.Single(batch.Unmailed);
        Assert.Equal(("fabrikam", "fab-crm", ReevaluationOutcome.Granted), (unmailed.PartnerId, Assert.Single(unmailed.Changes).OfferId, unmailed.Changes[0].Outcome));
        Assert.Equal(CoSellStatus.CoSellIncentivized, await offers.StatusAsync("fabrikam", "fab-crm"));
        Assert.Empty(notifier.Sent);
    }

    [Fact]
    public async Task RunAsync_PartnerEmailRefused_ListedAsAnIssueNotRetried()
    {
        OfferRecord offer = offers.Seed("fabrikam", "fab-crm", CoSellStatus.CoSellReady);
        await revenue.AcrAsync("fabrikam", 150_000m);
        notifier.RejectPermanently(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam"));

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch(offer), CancellationToken.None);

        Assert.Empty(batch.Unmailed);
        ReevaluationIssue issue = Assert.Single(batch.Issues);
        Assert.Equal(("fabrikam", null, ReevaluationOutcome.Error), (issue.PartnerId, issue.OfferId, issue.Outcome));
        Assert.StartsWith("The partner e-mail failed: ", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ManyPartnersInOneBatch_EachWrittenAndMailedOnce()
    {
        for (int i = 0; i < 3 * ReevaluateBatchActivity.PartnersInFlight; i++)
        {
            offers.Seed($"p-{i:D2}", "o-1", CoSellStatus.CoSellReady);
            offers.Seed($"p-{i:D2}", "o-2", CoSellStatus.CoSellReady);
            await revenue.AcrAsync($"p-{i:D2}", 150_000m);
        }

        ReevaluationBatchResult batch = await Activity.RunAsync(ReviewedOffers.Batch() with { Organisations = new OrganisationRange(null, null, "p-00", 12) }, CancellationToken.None);

        Assert.Equal((Granted: 24, PartnersNotified: 12), (batch.Granted, batch.PartnersNotified));
        Assert.Equal(12, notifier.Sent.Select(m => m.Step).Distinct().Count());
        Assert.Equal(24, history.All.Count);
    }
}
