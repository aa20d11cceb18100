using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;
using CoSell.Workflow.Tests.Orchestration;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Tests.Activities;

public sealed class InviteReviewersActivityTests
{
    private const string InstanceId = "cosell-contoso.contoso-crm-1";
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 2, 9, 5, 0, TimeSpan.Zero);

    private readonly InMemoryReviewTokenStore tokens = new();
    private readonly InMemoryHistoryStore history = new();
    private readonly RecordingNotifier notifier = new();

    [Fact]
    public async Task Invite_TwoReviewers_IssuesTokensRecordsTheStepsInOneWriteAndMailsEachTheirLink()
    {
        ReviewLinkResult result = await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        Assert.Equal(["tok-a", "tok-b"], tokens.All.Select(t => t.TokenId).Order(StringComparer.Ordinal));
        Assert.Equal([HistoryKind.Submitted, HistoryKind.Validated, HistoryKind.ReviewRequested], history.All.Select(e => e.Kind));
        Assert.Equal(1, history.AppendAllCalls);
        Assert.Equal(2, result.Receipts.Count);
        Assert.Equal([Reviews.Reviewer], Assert.Single(notifier.ForStep("review-request-1")).To);
        Assert.Equal([Reviews.SecondReviewer], Assert.Single(notifier.ForStep("review-request-2")).To);
    }

    [Fact]
    public async Task Invite_SecondMailRefusedOnce_RetryDuplicatesNoTokenEntryOrMail()
    {
        notifier.FailTransiently("review-request-2", 1);

        await Assert.ThrowsAsync<TransientNotificationException>(() => Activity().RunAsync(Request(isReminder: false), CancellationToken.None));
        await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        Assert.Equal(2, tokens.All.Count);
        Assert.Equal(3, history.All.Count);
        Assert.Single(notifier.ForStep("review-request-1"));
        Assert.Single(notifier.ForStep("review-request-2"));
    }

    [Fact]
    public async Task Invite_Reminder_RecordsTheReminderAndResendsTheSameLinks()
    {
        await Activity().RunAsync(Request(isReminder: false), CancellationToken.None);

        await Activity().RunAsync(Request(isReminder: true), CancellationToken.None);

        NotificationRequest reminder = Assert.Single(notifier.ForStep("review-reminder-1"));
        Assert.Equal(ReviewScenario.TokenIn(Assert.Single(notifier.ForStep("review-request-1"))), ReviewScenario.TokenIn(reminder));
        Assert.Equal(HistoryKind.ReviewReminded, history.All[^1].Kind);
        Assert.Equal(2, tokens.All.Count);
    }

    private InviteReviewersActivity Activity()
        => new(
            new RequestReviewActivity(tokens, new FakeReviewLinkSigner(), notifier, Options.Create(new ReviewOptions { PublicBaseUrl = WorkflowHost.PublicBaseUrl, Reviewers = [Reviews.Reviewer] })),
            history);

    private static ReviewInvitationRequest Request(bool isReminder)
    {
        Submission submission = SubmissionBuilder.ValidIp().Build();
        ReviewLinkRequest links = new(
            InstanceId, submission, Evaluations.Incentivized(),
            [new ReviewInvitation(Reviews.Reviewer, "tok-a"), new ReviewInvitation(Reviews.SecondReviewer, "tok-b")],
            IssuedAt, IssuedAt.AddDays(14), isReminder);
        HistoryEntry[] entries = isReminder
            ? [Entry(4, HistoryKind.ReviewReminded)]
            : [Entry(1, HistoryKind.Submitted), Entry(2, HistoryKind.Validated), Entry(3, HistoryKind.ReviewRequested)];
        return new ReviewInvitationRequest(links, entries);
    }

    private static HistoryEntry Entry(int step, HistoryKind kind)
        => new("contoso", "contoso-crm", HistorySteps.EntryId(InstanceId, step), IssuedAt.AddSeconds(step), kind, "co-sell checks", kind.ToString());
}
