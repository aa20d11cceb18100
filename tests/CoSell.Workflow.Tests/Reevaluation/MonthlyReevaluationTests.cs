using CoSell.Domain;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using CoSell.Workflow.Tests.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Reevaluation;

public sealed class MonthlyReevaluationTests
{
    private static ReevaluationRequest Request(int batchSize = 2, int maxParallel = 2, int pageSize = 100) => new(ReviewedOffers.Month, [ReviewedOffers.Admin])
    {
        BatchSize = batchSize,
        MaxParallelBatches = maxParallel,
        PageSize = pageSize,
        ActivityMaxAttempts = 3,
        ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(100),
    };

    private static async Task<ReevaluationSummary> RunAsync(WorkflowHost host, ReevaluationRequest request)
    {
        string instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.MonthlyReevaluation, request, new StartOrchestrationOptions(WorkflowNames.ReevaluationInstanceId(request.Month)));
        OrchestrationMetadata metadata = await host.WaitForCompletionAsync(instanceId);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Re-evaluation ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        ReevaluationProgress? progress = metadata.ReadCustomStatusAs<ReevaluationProgress>();
        Assert.True(progress?.Completed, "The final custom status does not say completed.");
        return metadata.ReadOutputAs<ReevaluationSummary>()!;
    }

    private static async Task SeedMixedMonthAsync(WorkflowHost host)
    {
        host.Offers.Seed("fabrikam", "fab-a", CoSellStatus.CoSellReady);
        host.Offers.Seed("fabrikam", "fab-b", CoSellStatus.CoSellIncentivized);
        host.Offers.Seed("tailspin", "tail-a", CoSellStatus.CoSellIncentivized);
        host.Offers.Seed("tailspin", "tail-b", CoSellStatus.CoSellIncentivized);
        host.Offers.Seed("woodgrove", "wood-a", CoSellStatus.CoSellIncentivized);
        host.Offers.Seed("adatum", "ada-a", CoSellStatus.NotReady);
        await host.Revenue.AcrAsync("fabrikam", 150_000m);
        await host.Revenue.AcrAsync("tailspin", 20_000m);
        await host.Revenue.AcrAsync("adatum", 900_000m);
        await host.Revenue.AcrAsync("woodgrove", 900_000m, month: "2026-10");
    }

    [Fact]
    public async Task Reevaluation_MixedMonth_GrantsWithdrawsFlagsAndSummarises()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);

        ReevaluationSummary summary = await RunAsync(host, Request());

        Assert.Equal(
            (Evaluated: 5, Granted: 1, Withdrawn: 2, Unchanged: 1, MissingRevenue: 1, Errors: 0, Skipped: 0, PartnersNotified: 2),
            (summary.Evaluated, summary.Granted, summary.Withdrawn, summary.Unchanged, summary.MissingRevenue, summary.Errors, summary.Skipped, summary.PartnersNotified));
        ReevaluationIssue issue = Assert.Single(summary.Issues);
        Assert.Equal(("woodgrove", "wood-a", ReevaluationOutcome.MissingRevenue), (issue.PartnerId, issue.OfferId, issue.Outcome));
        Assert.Equal(CoSellStatus.CoSellIncentivized, await host.Offers.StatusAsync("fabrikam", "fab-a"));
        Assert.Equal(CoSellStatus.CoSellIncentivized, await host.Offers.StatusAsync("fabrikam", "fab-b"));
        Assert.Equal(CoSellStatus.CoSellReady, await host.Offers.StatusAsync("tailspin", "tail-a"));
        Assert.Equal(CoSellStatus.CoSellReady, await host.Offers.StatusAsync("tailspin", "tail-b"));
        Assert.Equal(CoSellStatus.CoSellIncentivized, await host.Offers.StatusAsync("woodgrove", "wood-a"));
        Assert.Equal(CoSellStatus.NotReady, await host.Offers.StatusAsync("adatum", "ada-a"));
        Assert.Equal(
            ["fab-a", "tail-a", "tail-b"],
            host.History.All.Where(e => e.Kind == HistoryKind.Reevaluated).Select(e => e.OfferId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reevaluation_MixedMonth_EachAffectedPartnerGetsOneEmailAndAdminsTheSummary()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);

        await RunAsync(host, Request());

        NotificationRequest tailspin = Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("tailspin")));
        Assert.Equal([ReviewedOffers.PartnerEmail("tailspin")], tailspin.To);
        Assert.Contains("tail-a", tailspin.PlainText, StringComparison.Ordinal);
        Assert.Contains("tail-b", tailspin.PlainText, StringComparison.Ordinal);
        Assert.Contains("no longer Co-sell incentivized", tailspin.PlainText, StringComparison.Ordinal);
        NotificationRequest fabrikam = Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")));
        Assert.Contains("fab-a", fabrikam.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("fab-b", fabrikam.PlainText, StringComparison.Ordinal);
        Assert.Empty(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("woodgrove")));
        Assert.Empty(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("adatum")));
        NotificationRequest admin = Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.AdminSummaryStep));
        Assert.Equal([ReviewedOffers.Admin], admin.To);
        Assert.Equal(ReviewedOffers.InstanceId, admin.InstanceId);
        Assert.Contains("Granted co-sell incentivized: 1", admin.PlainText, StringComparison.Ordinal);
        Assert.Contains("Withdrawn co-sell incentivized: 2", admin.PlainText, StringComparison.Ordinal);
        Assert.Contains("woodgrove/wood-a (MissingRevenue): No revenue row for 2026-11", admin.PlainText, StringComparison.Ordinal);
        Assert.Equal(3, host.Notifier.Sent.Count);
    }

    [Fact]
    public async Task Reevaluation_OnePartnerPerPage_ContinuesAsNewOverEveryPageAndMailsEachPartnerOnce()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        foreach (string partner in new[] { "p-one", "p-two", "p-three" })
        {
            for (int i = 1; i <= 3; i++)
            {
                host.Offers.Seed(partner, $"{partner}-o{i}", CoSellStatus.CoSellReady);
            }
        }

        await host.Revenue.AcrAsync("p-one", 150_000m);
        await host.Revenue.AcrAsync("p-two", 150_000m);
        await host.Revenue.AcrAsync("p-three", 1_000m);

        ReevaluationSummary summary = await RunAsync(host, Request(batchSize: 1, maxParallel: 2, pageSize: 1));

        Assert.Equal((Pages: 4, Batches: 4, Evaluated: 9, Granted: 6, Unchanged: 3), (summary.Pages, summary.Batches, summary.Evaluated, summary.Granted, summary.Unchanged));
        foreach (string partner in new[] { "p-one", "p-two" })
        {
            NotificationRequest mail = Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep(partner)));
            Assert.All(Enumerable.Range(1, 3), i => Assert.Contains($"{partner}-o{i}", mail.PlainText, StringComparison.Ordinal));
        }

        Assert.Empty(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("p-three")));
        Assert.Equal(6, host.History.All.Count(e => e.Kind == HistoryKind.Reevaluated));
    }

    [Fact]
    public async Task Reevaluation_MonthRunAgainFromScratch_WritesAndSendsNothingTwice()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);
        ReevaluationSummary first = await RunAsync(host, Request());
        int replaces = host.Offers.Replaces;
        int sent = host.Notifier.Sent.Count;
        await host.Client.PurgeInstanceAsync(ReviewedOffers.InstanceId);

        ReevaluationSummary second = await RunAsync(host, Request());

        Assert.Equal(first with { Issues = [] }, second with { Issues = [] });
        Assert.Equal(first.Issues, second.Issues);
        Assert.Equal(replaces, host.Offers.Replaces);
        Assert.Equal(sent, host.Notifier.Sent.Count);
        Assert.Equal(3, host.History.All.Count(e => e.Kind == HistoryKind.Reevaluated));
    }

    [Fact]
    public async Task Reevaluation_NoReviewedOffers_CompletesWithEmptySummaryMail()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        host.Offers.Seed("adatum", "ada-a", CoSellStatus.NotReady);

        ReevaluationSummary summary = await RunAsync(host, Request());

        Assert.Equal((0, 0, 0, 1), (summary.Evaluated, summary.Granted, summary.Withdrawn, summary.Pages));
        NotificationRequest admin = Assert.Single(host.Notifier.Sent);
        Assert.Equal(MonthlyReevaluationOrchestrator.AdminSummaryStep, admin.Step);
        Assert.Contains("Offers evaluated: 0", admin.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reevaluation_OneBatchAllowedInFlight_NeverRunsTwoAtOnce()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        for (int i = 0; i < 12; i++)
        {
            host.Offers.Seed($"partner-{i:D2}", $"offer-{i:D2}", CoSellStatus.CoSellReady);
            await host.Revenue.AcrAsync($"partner-{i:D2}", 10_000m);
        }

        int inFlight = 0;
        int maxInFlight = 0;
        Lock gate = new();
        host.Revenue.BeforeGet = async _ =>
        {
            lock (gate)
            {
                maxInFlight = Math.Max(maxInFlight, ++inFlight);
            }

            await Task.Delay(150);
            lock (gate)
            {
                inFlight--;
            }
        };

        ReevaluationSummary summary = await RunAsync(host, Request(batchSize: 1, maxParallel: 1, pageSize: 100));

        Assert.Equal((12, 12), (summary.Batches, summary.Unchanged));
        Assert.Equal(1, maxInFlight);
    }

    [Fact]
    public async Task Reevaluation_StartedWithBareMonth_UsesConfiguredSettings()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);

        string instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.MonthlyReevaluation, ReviewedOffers.Month, new StartOrchestrationOptions(ReviewedOffers.InstanceId));
        OrchestrationMetadata metadata = await host.WaitForCompletionAsync(instanceId);

        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Re-evaluation ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        ReevaluationSummary summary = metadata.ReadOutputAs<ReevaluationSummary>()!;
        Assert.Equal((ReviewedOffers.Month, 5, 1, 2), (summary.Month, summary.Evaluated, summary.Granted, summary.Withdrawn));
        Assert.Empty(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.AdminSummaryStep));
    }

    [Fact]
    public async Task Reevaluation_BatchKeepsFailing_ReportsItAndFinishesTheRest()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);
        int tailspinReads = 0;
        host.Revenue.BeforeGet = organisationId =>
        {
            if (organisationId == "tailspin")
            {
                Interlocked.Increment(ref tailspinReads);
                throw new InvalidOperationException("OrgRevenue is unavailable for tailspin.");
            }

            return Task.CompletedTask;
        };

        ReevaluationSummary summary = await RunAsync(host, Request(batchSize: 1, maxParallel: 2));

        Assert.Equal((Evaluated: 2, Granted: 1, Unchanged: 1, BatchesFailed: 1, Errors: 0), (summary.Evaluated, summary.Granted, summary.Unchanged, summary.BatchesFailed, summary.Errors));
        Assert.Equal(3, tailspinReads);
        ReevaluationIssue failed = Assert.Single(summary.Issues, i => i.Outcome == ReevaluationOutcome.Error);
        Assert.Equal(("tailspin", null), (failed.PartnerId, failed.OfferId));
        Assert.Contains("tailspin … (end) (1 organisations) failed after retries", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("OrgRevenue is unavailable", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("Batches of organisations that failed (their offers keep their status): 1", Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.AdminSummaryStep)).PlainText, StringComparison.Ordinal);
        Assert.Equal(CoSellStatus.CoSellIncentivized, await host.Offers.StatusAsync("tailspin", "tail-a"));
        Assert.Empty(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("tailspin")));
        Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")));
    }

    [Fact]
    public async Task Reevaluation_PartnerEmailRejected_ReportsItAndStillMailsTheAdmins()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);
        host.Notifier.RejectPermanently(MonthlyReevaluationOrchestrator.PartnerStep("tailspin"));

        ReevaluationSummary summary = await RunAsync(host, Request());

        Assert.Equal((Withdrawn: 2, PartnersNotified: 1), (summary.Withdrawn, summary.PartnersNotified));
        ReevaluationIssue issue = Assert.Single(summary.Issues, i => i.PartnerId == "tailspin");
        Assert.Null(issue.OfferId);
        Assert.Contains("partner e-mail failed", issue.Reason, StringComparison.Ordinal);
        NotificationRequest admin = Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.AdminSummaryStep));
        Assert.Contains("tailspin (Error): The partner e-mail failed", admin.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reevaluation_PartnerEmailFailsTransientlyOnce_RetriedAndEveryPartnerMailedOnce()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        await SeedMixedMonthAsync(host);
        host.Notifier.FailTransiently(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam"), times: 1);

        ReevaluationSummary summary = await RunAsync(host, Request());

        Assert.Equal(2, summary.PartnersNotified);
        Assert.DoesNotContain(summary.Issues, i => i.Outcome == ReevaluationOutcome.Error);
        Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")));
        Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep("tailspin")));
        Assert.Equal(2, host.Notifier.Attempts(MonthlyReevaluationOrchestrator.PartnerStep("fabrikam")));
    }

    [Fact]
    public async Task Reevaluation_ThirtyPartnersInBatchesOfTen_EachAffectedPartnerMailedOnce()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        int partners = 30;
        for (int i = 0; i < partners; i++)
        {
            host.Offers.Seed($"p-{i:D3}", "offer", CoSellStatus.CoSellReady);
            await host.Revenue.AcrAsync($"p-{i:D3}", i % 3 == 0 ? 1_000m : 150_000m);
        }

        ReevaluationSummary summary = await RunAsync(host, Request(batchSize: 10, maxParallel: 2));

        int granted = Enumerable.Range(0, partners).Count(i => i % 3 != 0);
        Assert.Equal((granted, granted), (summary.Granted, summary.PartnersNotified));
        Assert.Equal(granted + 1, host.Notifier.Sent.Count);
        Assert.All(
            Enumerable.Range(0, partners).Where(i => i % 3 != 0),
            i => Assert.Single(host.Notifier.ForStep(MonthlyReevaluationOrchestrator.PartnerStep($"p-{i:D3}"))));
    }

    [Fact]
    public async Task Reevaluation_TwoThousandOffersInBatchesOfAThousand_EveryPayloadStaysUnderTheQueueMessageLimit()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        for (int i = 0; i < 2000; i++)
        {
            string partner = $"p-{i % 200:D3}";
            host.Offers.Seed(partner, $"o-{i:D4}", CoSellStatus.CoSellReady);
        }

        for (int k = 0; k < 200; k++)
        {
            await host.Revenue.AcrAsync($"p-{k:D3}", k % 10 == 0 ? 150_000m : 1_000m);
        }

        ReevaluationSummary summary = await RunAsync(host, Request(batchSize: 100, maxParallel: 2, pageSize: 200));

        Assert.Equal((Evaluated: 2000, Granted: 200, Unchanged: 1800, PartnersNotified: 20), (summary.Evaluated, summary.Granted, summary.Unchanged, summary.PartnersNotified));
        int largest = host.Payloads.Payloads.Max(p => System.Text.Encoding.UTF8.GetByteCount(p));
        Assert.True(largest < 45 * 1024, $"The largest payload is {largest} bytes; over 45 KB the engine moves it to a large-message blob.");
    }
}
