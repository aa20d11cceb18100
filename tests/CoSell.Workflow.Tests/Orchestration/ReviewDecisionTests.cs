using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Orchestration;

public sealed class ReviewDecisionTests
{
    [Fact]
    public async Task Review_Approved_RecordsIncentivizedAndMailsPartnerAndReviewer()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        string id = await host.StartReviewAsync(Reviews.For(submission));
        await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(CoSellStatus.CoSellIncentivized, outcome.Status);
        Assert.Equal(ReviewResolution.Approved, outcome.Resolution);
        Assert.Equal(Reviews.Reviewer, outcome.Reviewer);
        Assert.Contains(IncentiveTrack.AzureIp, outcome.Tracks);
        OfferStatusSnapshot current = await ReviewScenario.CurrentStatusAsync(host, submission);
        Assert.Equal(CoSellStatus.CoSellIncentivized, current.Status);
        Assert.True(current.ReviewerApproved);
        Assert.Equal(id, current.InstanceId);
        Assert.Equal(Reviews.Partner, current.PartnerEmail);
        NotificationRequest partnerMail = Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerOutcome));
        Assert.Equal([Reviews.Partner], partnerMail.To);
        Assert.Contains("Azure IP co-sell eligible", partnerMail.PlainText, StringComparison.Ordinal);
        NotificationRequest reviewerMail = Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerRecorded));
        Assert.Equal([Reviews.Reviewer], reviewerMail.To);
        ReviewProgress? progress = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<ReviewProgress>();
        Assert.Equal(ReviewProgress.Completed, progress?.Stage);
        Assert.Equal(
            [HistoryKind.Submitted, HistoryKind.Validated, HistoryKind.ReviewRequested, HistoryKind.Reviewed, HistoryKind.StatusChanged, HistoryKind.Notified, HistoryKind.Notified],
            (await host.History.ListAsync(submission.Offer.PartnerId, submission.Offer.OfferId)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Review_RejectedWithComment_RecordsNotReadyWithTheComment()
    {
        const string comment = "The one-pager describes a different product.";
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        string id = await host.StartReviewAsync(Reviews.For(submission));
        await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Reject(Reviews.Reviewer, comment, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(CoSellStatus.NotReady, outcome.Status);
        Assert.Equal(ReviewResolution.Rejected, outcome.Resolution);
        Assert.Equal(comment, outcome.Comment);
        Assert.Empty(outcome.Tracks);
        OfferStatusSnapshot current = await ReviewScenario.CurrentStatusAsync(host, submission);
        Assert.Equal(CoSellStatus.NotReady, current.Status);
        Assert.False(current.ReviewerApproved);
        Assert.Contains(current.Evaluation.Failures, r => r.Reason.Contains(comment, StringComparison.Ordinal));
        Assert.Contains(comment, Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerOutcome)).PlainText, StringComparison.Ordinal);
        HistoryEntry reviewed = Assert.Single(host.History.All, e => e.Kind == HistoryKind.Reviewed);
        Assert.Equal(Reviews.Reviewer, reviewed.Actor);
        HistoryEntry changed = Assert.Single(host.History.All, e => e.Kind == HistoryKind.StatusChanged);
        Assert.Null(changed.FromStatus);
        Assert.Equal(CoSellStatus.NotReady, changed.ToStatus);
        Assert.Contains(changed.Evidence!, reason => reason.Contains(comment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_DecisionRaisedBeforeTheWait_IsStillSeen()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        host.Collateral.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string id = await host.StartReviewAsync(Reviews.For(submission));
        await host.Collateral.InspectionStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        host.Collateral.Gate.SetResult();
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(ReviewResolution.Approved, outcome.Resolution);
        Assert.Equal(CoSellStatus.CoSellIncentivized, outcome.Status);
        Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: false)));
    }

    [Fact]
    public async Task Review_DuplicateDecisions_OnlyTheFirstCounts()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        string id = await host.StartReviewAsync(Reviews.For(submission, Reviews.Policy(Reviews.Reviewer, Reviews.SecondReviewer)));
        await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Reject(Reviews.SecondReviewer, "No.", ReviewScenario.DecidedAt));
        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.Reviewer, ReviewScenario.DecidedAt));
        CoSellOutcome outcome = await ReviewScenario.CompleteAsync(host, id);

        Assert.Equal(ReviewResolution.Approved, outcome.Resolution);
        Assert.Equal(Reviews.Reviewer, outcome.Reviewer);
        Assert.Equal(1, host.Offers.Replaces);
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await ReviewScenario.CurrentStatusAsync(host, submission)).Status);
        Assert.Single(host.Notifier.ForStep(NotificationSteps.PartnerOutcome));
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.Reviewed);
        Assert.Single(host.History.All, e => e.Kind == HistoryKind.StatusChanged);
    }

    [Fact]
    public async Task Review_WaitingForReviewers_CustomStatusNamesThemAndEachGetsOwnLink()
    {
        await using WorkflowHost host = await WorkflowHost.StartAsync();
        Submission submission = await ReviewScenario.ArrangeIncentivizableOfferAsync(host);
        string id = await host.StartReviewAsync(Reviews.For(submission, Reviews.Policy(Reviews.Reviewer, Reviews.SecondReviewer)));

        ReviewProgress progress = await host.WaitForStageAsync(id, ReviewProgress.AwaitingReview);

        Assert.Equal([Reviews.Reviewer, Reviews.SecondReviewer], progress.Reviewers);
        NotificationRequest first = Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: false)));
        NotificationRequest second = Assert.Single(host.Notifier.ForStep(NotificationSteps.ReviewerLink(2, reminder: false)));
        Assert.Equal([Reviews.Reviewer], first.To);
        Assert.Equal([Reviews.SecondReviewer], second.To);
        Assert.Equal(TokenFailure.None, host.Signer.Verify(ReviewScenario.TokenIn(first), Reviews.SubmittedAt, out ReviewTokenClaims? firstClaims));
        Assert.Equal(TokenFailure.None, host.Signer.Verify(ReviewScenario.TokenIn(second), Reviews.SubmittedAt, out ReviewTokenClaims? secondClaims));
        Assert.Equal(id, firstClaims!.InstanceId);
        Assert.Equal(Reviews.Reviewer, firstClaims.Reviewer);
        Assert.Equal(Reviews.SecondReviewer, secondClaims!.Reviewer);
        Assert.NotEqual(firstClaims.TokenId, secondClaims.TokenId);
        ReviewTokenRecord stored = Assert.Single(host.Tokens.All, t => t.TokenId == firstClaims.TokenId);
        Assert.Equal(id, stored.InstanceId);
        Assert.Equal(firstClaims.ExpiresAt, stored.ExpiresAt);

        await host.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(Reviews.SecondReviewer, ReviewScenario.DecidedAt));
        await ReviewScenario.CompleteAsync(host, id);
        string engineHistory = ReviewScenario.EngineHistoryText(host);
        Assert.Contains(firstClaims.TokenId, engineHistory, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewScenario.TokenIn(first), engineHistory, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewScenario.TokenIn(second), engineHistory, StringComparison.Ordinal);
    }
}
