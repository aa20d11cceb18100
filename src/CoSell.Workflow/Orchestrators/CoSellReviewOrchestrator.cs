using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using static CoSell.Workflow.Orchestrators.ReviewOrchestration;

namespace CoSell.Workflow.Orchestrators;

/// <summary>
/// Version 1 of the co-sell review, kept registered so that reviews started before version 2 replay and finish as
/// they began: one activity per history entry and per e-mail. New submissions start <see cref="CoSellReviewOrchestratorV2"/>,
/// which does the same work in five activities. Remove this class (and RecordHistory, SendNotification, RequestReview,
/// RecordStatus) once no version 1 instance is running anywhere. Do not change the order of its awaits.
/// </summary>
public sealed class CoSellReviewOrchestrator : TaskOrchestrator<ReviewRequest, CoSellOutcome>
{
    public override async Task<CoSellOutcome> RunAsync(TaskOrchestrationContext context, ReviewRequest input)
    {
        ILogger log = context.CreateReplaySafeLogger<CoSellReviewOrchestrator>();
        ReviewPolicy policy = input.Policy ?? new();
        TaskOptions retry = RetryOptions(policy);
        Submission submission = input.Submission;
        string instanceId = context.InstanceId;

        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Validating, Now(context)));
        await RecordHistoryAsync(context, input, HistorySteps.Submitted, HistoryKind.Submitted, input.SubmittedBy,
            $"Draft {submission.DraftVersion} submitted for co-sell review.", retry);

        (IReadOnlyList<CollateralFinding> collateral, Evaluation proposed) = await ValidateAsync(context, submission, retry, log);
        await RecordHistoryAsync(context, input, HistorySteps.Validated, HistoryKind.Validated, ChecksActor,
            $"Automated checks proposed {proposed.Status}.", retry, [.. proposed.Failures.Select(r => $"{r.Id}: {r.Reason}")]);

        if (proposed.Status == CoSellStatus.NotReady)
        {
            context.SetCustomStatus(new ReviewProgress(ReviewProgress.Recording, Now(context)));
            await RecordStatusAsync(context, input, proposed, proposed, ReviewResolution.AutomatedFailure, null, collateral, retry);
            EmailContent notReady = EmailTemplates.PartnerNotReady(submission, proposed);
            await SendAsync(context, NotificationSteps.PartnerNotReady, [input.SubmittedBy], notReady, retry);
            await RecordHistoryAsync(context, input, HistorySteps.NotifiedPartner, HistoryKind.Notified, ChecksActor,
                $"Partner notified ({input.SubmittedBy}): not ready.", retry);
            context.SetCustomStatus(new ReviewProgress(ReviewProgress.Completed, Now(context)));
            return new CoSellOutcome(CoSellStatus.NotReady, [], ReviewResolution.AutomatedFailure, null, null);
        }

        (List<string> reviewers, DateTime requestedAt, DateTime expiresAt, List<ReviewInvitation> invitations) = Invitations(context, policy);
        ReviewLinkRequest linkRequest = new(instanceId, submission, proposed, invitations, Utc(requestedAt), Utc(expiresAt), IsReminder: false);
        await context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.RequestReview, linkRequest, retry);
        await RecordHistoryAsync(context, input, HistorySteps.ReviewRequested, HistoryKind.ReviewRequested, ChecksActor,
            $"Review requested from {string.Join(", ", reviewers)}; expires {Utc(expiresAt):u}.", retry);
        context.SetCustomStatus(new ReviewProgress(ReviewProgress.AwaitingReview, Utc(requestedAt), reviewers));

        ReviewerDecision? decision = await AwaitDecisionAsync(context, policy, requestedAt, expiresAt, async () =>
        {
            await context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.RequestReview, linkRequest with { IsReminder = true }, retry);
            await RecordHistoryAsync(context, input, HistorySteps.ReviewReminded, HistoryKind.ReviewReminded, ChecksActor,
                $"Reminder sent to {string.Join(", ", reviewers)}.", retry);
        });

        (Evaluation final, ReviewResolution resolution) = Resolve(proposed, decision);
        log.LogInformation("Review {InstanceId} resolved {Resolution}: status {Status}", instanceId, resolution, final.Status);

        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Recording, Now(context)));
        await RecordStatusAsync(context, input, proposed, final, resolution, decision, collateral, retry);
        EmailContent partnerMail = EmailTemplates.PartnerOutcome(submission, final, resolution, decision);
        EmailContent reviewerMail = EmailTemplates.ReviewerRecorded(submission, final, resolution, decision);
        await Task.WhenAll(
            SendAsync(context, NotificationSteps.PartnerOutcome, [input.SubmittedBy], partnerMail, retry),
            SendAsync(context, NotificationSteps.ReviewerRecorded, reviewers, reviewerMail, retry));
        await Task.WhenAll(
            RecordHistoryAsync(context, input, HistorySteps.NotifiedPartner, HistoryKind.Notified, ChecksActor,
                $"Partner notified ({input.SubmittedBy}): {final.Status}.", retry),
            RecordHistoryAsync(context, input, HistorySteps.NotifiedReviewers, HistoryKind.Notified, ChecksActor,
                $"Reviewers notified: {resolution} recorded.", retry));

        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Completed, Now(context)));
        return new CoSellOutcome(final.Status, final.Tracks, resolution, decision?.Reviewer, decision?.Comment);
    }

    private static Task<StatusRecordResult> RecordStatusAsync(
        TaskOrchestrationContext context, ReviewRequest input, Evaluation proposed, Evaluation final, ReviewResolution resolution,
        ReviewerDecision? decision, IReadOnlyList<CollateralFinding> collateral, TaskOptions retry)
        => context.CallActivityAsync<StatusRecordResult>(
            WorkflowNames.RecordStatus,
            new StatusRecordRequest(context.InstanceId, input, proposed, final, resolution, decision, collateral, Now(context)),
            retry);

    private static Task<NotificationReceipt> SendAsync(TaskOrchestrationContext context, string step, IReadOnlyList<string> to, EmailContent mail, TaskOptions retry)
        => context.CallActivityAsync<NotificationReceipt>(
            WorkflowNames.SendNotification,
            new NotificationRequest(context.InstanceId, step, to, mail.Subject, mail.PlainText, mail.Html),
            retry);

    private static Task<string> RecordHistoryAsync(
        TaskOrchestrationContext context, ReviewRequest input, int step, HistoryKind kind, string actor, string summary, TaskOptions retry,
        IReadOnlyList<string>? evidence = null)
        => context.CallActivityAsync<string>(WorkflowNames.RecordHistory, Entry(context, input, step, kind, actor, summary, evidence), retry);
}
