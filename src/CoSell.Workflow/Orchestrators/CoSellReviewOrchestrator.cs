using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CoSell.Workflow.Orchestrators;

/// <summary>
/// One co-sell review: validate in parallel, evaluate, ask the reviewers (with a reminder, until expiry), record, notify.
/// Deterministic: time from the context, ids from <see cref="TaskOrchestrationContext.NewGuid"/>, all I/O in activities.
/// </summary>
public sealed class CoSellReviewOrchestrator : TaskOrchestrator<ReviewRequest, CoSellOutcome>
{
    /// <summary>Actor of history entries the automated checks write.</summary>
    public const string ChecksActor = "co-sell checks";

    private static readonly HashSet<string> PermanentErrorTypes =
    [
        typeof(DomainValidationException).FullName!,
        typeof(ArgumentException).FullName!,
        typeof(ArgumentNullException).FullName!,
        typeof(ArgumentOutOfRangeException).FullName!,
        typeof(NotImplementedException).FullName!,
        typeof(NotSupportedException).FullName!,
    ];

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

        Task<IReadOnlyList<CollateralFinding>> collateralTask = context.CallActivityAsync<IReadOnlyList<CollateralFinding>>(WorkflowNames.ValidateCollateral, submission, retry);
        Task<RequirementResult> contactsTask = context.CallActivityAsync<RequirementResult>(WorkflowNames.ValidateContacts, submission, retry);
        Task<OrganisationProfile> organisationTask = context.CallActivityAsync<OrganisationProfile>(WorkflowNames.EvaluateThresholds, submission.Offer.PartnerId, retry);
        await Task.WhenAll(collateralTask, contactsTask, organisationTask);
        IReadOnlyList<CollateralFinding> collateral = await collateralTask;
        RequirementResult contacts = await contactsTask;

        Evaluation proposed = CoSellRules.Evaluate(submission, collateral, await organisationTask);
        log.LogInformation("Review {InstanceId}: automated checks propose {Status}; contacts passed={ContactsPassed}", instanceId, proposed.Status, contacts.Passed);
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

        List<string> reviewers = [.. policy.Reviewers.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (reviewers.Count == 0)
        {
            throw new InvalidOperationException("The review policy names no reviewers; configure Review:Reviewers.");
        }

        DateTime requestedAt = context.CurrentUtcDateTime;
        DateTime expiresAt = requestedAt + policy.ExpireAfter;
        List<ReviewInvitation> invitations = [.. reviewers.Select(r => new ReviewInvitation(r, context.NewGuid().ToString("N")))];
        ReviewLinkRequest linkRequest = new(instanceId, submission, proposed, invitations, Utc(requestedAt), Utc(expiresAt), IsReminder: false);
        await context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.RequestReview, linkRequest, retry);
        await RecordHistoryAsync(context, input, HistorySteps.ReviewRequested, HistoryKind.ReviewRequested, ChecksActor,
            $"Review requested from {string.Join(", ", reviewers)}; expires {Utc(expiresAt):u}.", retry);
        context.SetCustomStatus(new ReviewProgress(ReviewProgress.AwaitingReview, Utc(requestedAt), reviewers));

        using CancellationTokenSource waitCancellation = new();
        Task<ReviewerDecision> decisionTask = context.WaitForExternalEvent<ReviewerDecision>(WorkflowNames.ReviewerDecided, waitCancellation.Token);
        ReviewerDecision? decision = null;
        DateTime reminderAt = requestedAt + policy.ReminderAfter;
        if (policy.ReminderAfter > TimeSpan.Zero && reminderAt < expiresAt)
        {
            decision = await WaitUntilAsync(context, decisionTask, reminderAt);
            if (decision is null)
            {
                await context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.RequestReview, linkRequest with { IsReminder = true }, retry);
                await RecordHistoryAsync(context, input, HistorySteps.ReviewReminded, HistoryKind.ReviewReminded, ChecksActor,
                    $"Reminder sent to {string.Join(", ", reviewers)}.", retry);
            }
        }

        decision ??= await WaitUntilAsync(context, decisionTask, expiresAt);
        if (decision is null)
        {
            waitCancellation.Cancel();
        }

        (Evaluation final, ReviewResolution resolution) = decision switch
        {
            null => (CoSellRules.Expire(proposed), ReviewResolution.Expired),
            { Approved: true } => (CoSellRules.ApplyReview(proposed, true, decision.Comment), ReviewResolution.Approved),
            _ => (CoSellRules.ApplyReview(proposed, false, decision.Comment), ReviewResolution.Rejected),
        };
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

    /// <summary>Retries every failure except the permanent ones (bad input, missing code): exponential back-off from the policy.</summary>
    internal static TaskOptions RetryOptions(ReviewPolicy policy)
    {
        TimeSpan first = policy.ActivityFirstRetryInterval > TimeSpan.Zero ? policy.ActivityFirstRetryInterval : TimeSpan.FromSeconds(5);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            Math.Max(1, policy.ActivityMaxAttempts), first, backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(10))
        {
            HandleFailure = IsTransient,
        });
    }

    internal static bool IsTransient(TaskFailureDetails failure) => !PermanentErrorTypes.Contains(failure.ErrorType);

    /// <summary>Waits for the decision until <paramref name="fireAt"/>; null when the durable timer won. The timer never outlives the wait.</summary>
    private static async Task<ReviewerDecision?> WaitUntilAsync(TaskOrchestrationContext context, Task<ReviewerDecision> decisionTask, DateTime fireAt)
    {
        if (decisionTask.IsCompleted)
        {
            return await decisionTask;
        }

        using CancellationTokenSource timerCancellation = new();
        Task timer = context.CreateTimer(fireAt, timerCancellation.Token);
        Task winner = await Task.WhenAny(decisionTask, timer);
        if (winner == decisionTask)
        {
            // Cancel, not CancelAsync: the continuation must stay on the orchestrator's thread.
            timerCancellation.Cancel();
            return await decisionTask;
        }

        return null;
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
        => context.CallActivityAsync<string>(
            WorkflowNames.RecordHistory,
            new HistoryEntry(
                input.Submission.Offer.PartnerId, input.Submission.Offer.OfferId, HistorySteps.EntryId(context.InstanceId, step), Now(context),
                kind, actor, summary, InstanceId: context.InstanceId, Evidence: evidence),
            retry);

    private static DateTimeOffset Now(TaskOrchestrationContext context) => Utc(context.CurrentUtcDateTime);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
