using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Orchestration;

public sealed class ReviewVersionTests
{
    [Fact]
    public async Task Review_StartedAsVersion1BeforeTheUpgrade_FinishesWithTheSameRecordsAsVersion2()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission first = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        Submission second = await ReviewScenario.ArrangeIncentivizableOfferAsync(host, SubmissionBuilder.ValidIp().WithIds("contoso", "contoso-erp"));
        string v1 = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.CoSellReviewV1, Reviews.For(first), new StartOrchestrationOptions(WorkflowNames.ReviewInstanceId("contoso", first.Offer.OfferId, 1)));
        string v2 = await host.StartReviewAsync(Reviews.For(second));
        await host.WaitForStageAsync(v1, ReviewProgress.AwaitingReview);
        await host.WaitForStageAsync(v2, ReviewProgress.AwaitingReview);

        await host.Client.RaiseEventAsync(v1, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        await host.Client.RaiseEventAsync(v2, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome1 = await ReviewScenario.CompleteAsync(host, v1);
        CoSellOutcome outcome2 = await ReviewScenario.CompleteAsync(host, v2);

        Assert.Equal(WorkflowNames.CoSellReviewV1, (await host.Client.GetInstanceAsync(v1))!.Name);
        Assert.Equal(outcome2 with { Tracks = [] }, outcome1 with { Tracks = [] });
        Assert.Equal(outcome2.Tracks, outcome1.Tracks);
        Assert.Equal(await RecordsAsync(host, second, v2), await RecordsAsync(host, first, v1));
    }

    /// <summary>What a partner or operator sees of a review: history (kind, step, actor), the e-mails sent, the status.</summary>
    private static async Task<string> RecordsAsync(WorkflowHost host, Submission submission, string instanceId)
    {
        IReadOnlyList<HistoryEntry> history = await host.History.ListAsync(submission.Offer.PartnerId, submission.Offer.OfferId);
        OfferStatusSnapshot status = await ReviewScenario.CurrentStatusAsync(host, submission);
        IEnumerable<string> mails = host.Notifier.Sent.Where(n => n.InstanceId == instanceId).Select(n => $"{n.Step}>{string.Join(',', n.To)}").Order(StringComparer.Ordinal);
        return string.Join('\n', [
            .. history.Select(e => $"{e.Kind} {e.EntryId[^3..]} {e.Actor} {e.FromStatus}->{e.ToStatus}"),
            .. mails,
            $"{status.Status} approved={status.ReviewerApproved} by {status.ChangedBy}",
        ]);
    }
}
