using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Orchestration;

public sealed class ReviewTimeoutAndFailureTests
{
    [Fact]
    public async Task Review_NoDecision_SendsOneReminderThenRecordsExpired()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        ReviewPolicy policy = Reviews.Policy() with { ReminderAfter = TimeSpan.FromSeconds(2), ExpireAfter = TimeSpan.FromSeconds(4) };

        string id = await host.StartReviewAsync(Reviews.For(submission, policy));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(ReviewResolution.Expired, outcome.Resolution);
        Assert.Equal(CoSellStatus.NotReady, outcome.Status);
        Assert.Null(outcome.Reviewer);
        NotificationRequest request = Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: false)));
        NotificationRequest reminder = Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: true)));
        Assert.Equal(1, host.Notifier.Attempts(NotificationSteps.ReviewerLink(1, reminder: true)));
        Assert.Equal([Reviews.Reviewer], reminder.To);
        Assert.StartsWith("Reminder", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal(ReviewScenario.TokenIn(request), ReviewScenario.TokenIn(reminder));
        OfferStatusSnapshot current = await ReviewScenario.CurrentStatusAsync(host, submission);
        Assert.Equal(CoSellStatus.NotReady, current.Status);
        Assert.Equal(StatusRecorder.SystemActor, current.ChangedBy);
        Assert.Contains("expired", current.Reason, StringComparison.OrdinalIgnoreCase);
        NotificationRequest partnerMail = Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerOutcome));
        Assert.Equal([Reviews.Partner], partnerMail.To);
        Assert.Contains("expired", partnerMail.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.ReviewReminded);
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.ReviewExpired);
        Assert.DoesNotContain(host.History.All, e => e.Kind == HistoryKind.Reviewed);
    }

    [Fact]
    public async Task Review_DecisionAfterTheReminder_IsRecordedAndNothingExpires()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        ReviewPolicy policy = Reviews.Policy() with { ReminderAfter = TimeSpan.FromSeconds(1), ExpireAfter = TimeSpan.FromMinutes(30) };
        string id = await host.StartReviewAsync(Reviews.For(submission, policy));
        await WorkflowHost.WaitUntilAsync(() => host.History.All.Any(e => e.Kind == HistoryKind.ReviewReminded));

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(ReviewResolution.Approved, outcome.Resolution);
        Assert.Equal(CoSellStatus.CoSellIncentivized, outcome.Status);
        Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: true)));
        Assert.DoesNotContain(host.History.All, e => e.Kind == HistoryKind.ReviewExpired);
    }

    [Fact]
    public async Task Review_AutomatedChecksFail_RecordsNotReadyWithEveryReasonAndAsksNoReviewer()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(
            host, SubmissionBuilder.ValidIp().WithoutDocument(DocumentType.OnePager).WithUncoveredCountries("FR"));

        string id = await host.StartReviewAsync(Reviews.For(submission));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(CoSellStatus.NotReady, outcome.Status);
        Assert.Equal(ReviewResolution.AutomatedFailure, outcome.Resolution);
        Assert.Empty(host.Tokens.All);
        Assert.DoesNotContain(host.Notifier.Sent, n => n.Step.StartsWith("review-", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Notifier.Sent, n => n.To.Contains(Reviews.Reviewer));
        OfferStatusSnapshot current = await ReviewScenario.CurrentStatusAsync(host, submission);
        Assert.Equal(CoSellStatus.NotReady, current.Status);
        List<RequirementResult> failures = [.. current.Evaluation.Failures];
        Assert.Contains(failures, r => r.Id == "3.one-pager");
        Assert.Contains(failures, r => r.Id == "3.contacts" && r.Reason.Contains("FR", StringComparison.Ordinal));
        NotificationRequest mail = Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerNotReady));
        Assert.Equal([Reviews.Partner], mail.To);
        Assert.All(failures, r => Assert.Contains(r.Reason, mail.PlainText, StringComparison.Ordinal));
        HistoryEntry changed = Assert.Single(host.History.All, e => e.Kind == HistoryKind.StatusChanged);
        Assert.Equal(failures.Count, changed.Evidence!.Count);
    }

    [Fact]
    public async Task Review_NotifierFailsTransientlyTwice_RetriesAndSendsTheMailOnce()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        host.Notifier.FailTransiently(NotificationSteps.PartnerOutcome, times: 2);
        string id = await host.StartReviewAsync(Reviews.For(submission));
        await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(CoSellStatus.CoSellIncentivized, outcome.Status);
        Assert.Equal(3, host.Notifier.Attempts(NotificationSteps.PartnerOutcome));
        Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerOutcome));
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.Notified && e.EntryId == HistorySteps.EntryId(id, HistorySteps.NotifiedPartner));
    }

    [Fact]
    public async Task Review_NotifierRejectsTheRequest_FailsWithoutRetrying()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(
            host, SubmissionBuilder.ValidIp().WithoutDocument(DocumentType.OnePager));
        host.Notifier.RejectPermanently(NotificationSteps.PartnerNotReady);

        string id = await host.StartReviewAsync(Reviews.For(submission));
        OrchestrationMetadata metadata = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(1, host.Notifier.Attempts(NotificationSteps.PartnerNotReady));
        Assert.Equal(CoSellStatus.NotReady, (await ReviewScenario.CurrentStatusAsync(host, submission)).Status);
    }

    [Fact]
    public async Task Review_DecisionRecordedButItsEventNeverArrived_CountsWhenTheExpiryFires()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        ReviewPolicy policy = Reviews.Policy() with { ReminderAfter = TimeSpan.FromDays(1), ExpireAfter = TimeSpan.FromSeconds(3) };
        string id = await host.StartReviewAsync(Reviews.For(submission, policy));
        await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);
        ReviewTokenRecord token = Assert.Single(host.Tokens.All);

        await host.Tokens.RecordDecisionAsync(token, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(ReviewResolution.Approved, outcome.Resolution);
        Assert.Equal(CoSellStatus.CoSellIncentivized, outcome.Status);
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.Reviewed);
        Assert.DoesNotContain(host.History.All, e => e.Kind == HistoryKind.ReviewExpired);
        Assert.False((await host.Tokens.GetDecisionAsync(id))!.ClosedByExpiry);
    }

    [Fact]
    public async Task Review_Expired_ClosesTheDecisionRowSoALateDecisionIsRefused()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        ReviewPolicy policy = Reviews.Policy() with { ReminderAfter = TimeSpan.FromDays(1), ExpireAfter = TimeSpan.FromSeconds(2) };
        string id = await host.StartReviewAsync(Reviews.For(submission, policy));

        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);
        ReviewerDecision late = await host.Tokens.RecordDecisionAsync(Assert.Single(host.Tokens.All), ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));

        Assert.Equal(ReviewResolution.Expired, outcome.Resolution);
        Assert.True(late.ClosedByExpiry);
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.ReviewExpired);
    }
}
