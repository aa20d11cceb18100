using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Activities;

public sealed class RecordOutcomeActivityTests
{
    private const string InstanceId = "cosell-contoso.contoso-crm-1";
    private static readonly DateTimeOffset At = new(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly InMemoryOfferStore offers = new();
    private readonly InMemoryHistoryStore history = new();
    private readonly RecordingNotifier notifier = new();

    [Fact]
    public async Task RecordOutcome_Approved_RecordsTheStatusMailsEveryoneAndNotesTheMailsInTwoHistoryWrites()
    {
        Submission submission = SeedDraft();

        OutcomeRecordResult result = await Activity().RunAsync(new(Approved(submission), []), CancellationToken.None);

        Assert.Equal(CoSellStatus.CoSellIncentivized, result.Status.Status);
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await offers.GetAsync("contoso", "contoso-crm"))!.Current!.Status);
        Assert.Equal([Reviews.Partner], Assert.Single(notifier.ForStep(NotificationSteps.PartnerOutcome)).To);
        Assert.Equal([Reviews.Reviewer], Assert.Single(notifier.ForStep(NotificationSteps.ReviewerRecorded)).To);
        Assert.Equal(2, result.Receipts.Count);
        Assert.Equal(
            [(HistoryKind.Reviewed, "005"), (HistoryKind.StatusChanged, "006"), (HistoryKind.Notified, "007"), (HistoryKind.Notified, "008")],
            history.All.Select(e => (e.Kind, e.EntryId[^3..])));
        Assert.Equal(2, history.AppendAllCalls);
    }

    [Fact]
    public async Task RecordOutcome_PartnerMailRefusedOnce_RetryRecordsNothingTwiceAndSendsEachMailOnce()
    {
        Submission submission = SeedDraft();
        notifier.FailTransiently(NotificationSteps.PartnerOutcome, 1);

        await Assert.ThrowsAsync<TransientNotificationException>(() => Activity().RunAsync(new(Approved(submission), []), CancellationToken.None));
        IReadOnlyList<HistoryEntry> afterFailure = history.All;
        await Activity().RunAsync(new(Approved(submission), []), CancellationToken.None);

        Assert.Equal([HistoryKind.Reviewed, HistoryKind.StatusChanged], afterFailure.Select(e => e.Kind));
        Assert.Equal(1, offers.Replaces);
        Assert.Single(notifier.ForStep(NotificationSteps.PartnerOutcome));
        Assert.Single(notifier.ForStep(NotificationSteps.ReviewerRecorded));
        Assert.Equal(2, notifier.Attempts(NotificationSteps.PartnerOutcome));
        Assert.Equal(4, history.All.Count);
        Assert.Equal(2, history.All.Count(e => e.Kind == HistoryKind.Notified));
    }

    [Fact]
    public async Task RecordOutcome_AutomatedFailure_RecordsTheEarlierStepsTheStatusAndTheNotReadyMail()
    {
        Submission submission = SeedDraft();
        Evaluation failed = Evaluations.NotReady(("3.one-pager", "The customer one-pager is missing."));
        StatusRecordRequest status = new(InstanceId, Reviews.For(submission), failed, failed, ReviewResolution.AutomatedFailure, null, [], At);
        HistoryEntry[] earlier =
        [
            new("contoso", "contoso-crm", InstanceId + "-001", At.AddSeconds(-2), HistoryKind.Submitted, Reviews.Partner, "Draft 1 submitted."),
            new("contoso", "contoso-crm", InstanceId + "-002", At.AddSeconds(-1), HistoryKind.Validated, "co-sell checks", "Automated checks proposed NotReady."),
        ];

        await Activity().RunAsync(new(status, earlier), CancellationToken.None);

        Assert.Equal(
            [HistoryKind.Submitted, HistoryKind.Validated, HistoryKind.StatusChanged, HistoryKind.Notified],
            history.All.Select(e => e.Kind));
        NotificationRequest mail = Assert.Single(notifier.Sent);
        Assert.Equal(NotificationSteps.PartnerNotReady, mail.Step);
        Assert.Contains("one-pager is missing", mail.PlainText, StringComparison.Ordinal);
        Assert.Equal(CoSellStatus.NotReady, (await offers.GetAsync("contoso", "contoso-crm"))!.Current!.Status);
    }

    private RecordOutcomeActivity Activity() => new(new StatusRecorder(offers), history, notifier);

    private Submission SeedDraft()
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        offers.Seed(new OfferRecord(submission.Offer, submission.Materials, submission.DraftVersion, At.AddDays(-1), Current: null, ETag: null));
        return submission;
    }

    private static StatusRecordRequest Approved(Submission submission)
    {
        Evaluation proposed = Evaluations.Incentivized();
        return new StatusRecordRequest(
            InstanceId, Reviews.For(submission), proposed, proposed, ReviewResolution.Approved,
            ReviewerDecision.Approve(Reviews.Reviewer, At.AddMinutes(-5)), [], At);
    }
}
