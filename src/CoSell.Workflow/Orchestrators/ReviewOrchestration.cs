using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CoSell.Workflow.Orchestrators;

/// <summary>
/// What every version of the review orchestration shares: the retry policy, the wait for a decision (with the
/// reminder and the expiry as durable timers), and deterministic history entries. Orchestrator code only: time from
/// the context, no I/O.
/// </summary>
public static class ReviewOrchestration
{
    /// <summary>Actor of history entries the automated checks write.</summary>
    public const string ChecksActor = "co-sell checks";

    /// <summary>The failures no retry can fix: bad input and missing code.</summary>
    private static readonly Type[] PermanentFailures =
    [
        typeof(DomainValidationException),
        typeof(ArgumentException),
        typeof(ArgumentNullException),
        typeof(ArgumentOutOfRangeException),
        typeof(NotImplementedException),
        typeof(NotSupportedException),
    ];

    private static readonly HashSet<string> PermanentErrorTypes = [.. PermanentFailures.Select(t => t.FullName!)];

    /// <summary>Retries every failure except the permanent ones (bad input, missing code): exponential back-off from the policy.</summary>
    public static TaskOptions RetryOptions(ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return RetryOptions(policy.ActivityMaxAttempts, policy.ActivityFirstRetryInterval);
    }

    /// <summary>
    /// The retry policy of every orchestration here: at most <paramref name="maxAttempts"/> calls, the first retry after
    /// <paramref name="firstRetryInterval"/> (5 s when not positive), doubling up to 10 minutes, permanent failures not retried.
    /// </summary>
    public static TaskOptions RetryOptions(int maxAttempts, TimeSpan firstRetryInterval)
    {
        TimeSpan first = firstRetryInterval > TimeSpan.Zero ? firstRetryInterval : TimeSpan.FromSeconds(5);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            Math.Max(1, maxAttempts), first, backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(10))
        {
            HandleFailure = IsTransient,
        });
    }

    /// <summary>A failed activity call worth retrying: its error type is none of the permanent ones.</summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return !PermanentErrorTypes.Contains(failure.ErrorType);
    }

    /// <summary>The same judgement for an exception caught in process (an activity handling a call itself): one of the permanent kinds or derived from one.</summary>
    public static bool IsPermanent(Exception exception) => PermanentFailures.Any(t => t.IsInstanceOfType(exception));

    /// <summary>
    /// The three checks fanned out (collateral, contacts, revenue thresholds) and the evaluation the rules propose from
    /// them. Same durable calls in the same order for every version.
    /// </summary>
    internal static async Task<(IReadOnlyList<CollateralFinding> Collateral, Evaluation Proposed)> ValidateAsync(
        TaskOrchestrationContext context, Submission submission, TaskOptions retry, ILogger log)
    {
        Task<IReadOnlyList<CollateralFinding>> collateralTask = context.CallActivityAsync<IReadOnlyList<CollateralFinding>>(WorkflowNames.ValidateCollateral, submission, retry);
        Task<RequirementResult> contactsTask = context.CallActivityAsync<RequirementResult>(WorkflowNames.ValidateContacts, submission, retry);
        Task<OrganisationProfile> organisationTask = context.CallActivityAsync<OrganisationProfile>(WorkflowNames.EvaluateThresholds, submission.Offer.PartnerId, retry);
        await Task.WhenAll(collateralTask, contactsTask, organisationTask);
        IReadOnlyList<CollateralFinding> collateral = await collateralTask;
        RequirementResult contacts = await contactsTask;

        Evaluation proposed = CoSellRules.Evaluate(submission, collateral, await organisationTask);
        log.LogInformation("Review {InstanceId}: automated checks propose {Status}; contacts passed={ContactsPassed}", context.InstanceId, proposed.Status, contacts.Passed);
        return (collateral, proposed);
    }

    /// <summary>The distinct reviewers, the request and expiry times, and one new token id per reviewer (from <see cref="TaskOrchestrationContext.NewGuid"/>).</summary>
    internal static (List<string> Reviewers, DateTime RequestedAt, DateTime ExpiresAt, List<ReviewInvitation> Invitations) Invitations(TaskOrchestrationContext context, ReviewPolicy policy)
    {
        List<string> reviewers = [.. policy.Reviewers.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (reviewers.Count == 0)
        {
            throw new InvalidOperationException("The review policy names no reviewers; configure Review:Reviewers.");
        }

        DateTime requestedAt = context.CurrentUtcDateTime;
        List<ReviewInvitation> invitations = [.. reviewers.Select(r => new ReviewInvitation(r, context.NewGuid().ToString("N")))];
        return (reviewers, requestedAt, requestedAt + policy.ExpireAfter, invitations);
    }

    /// <summary>
    /// Waits for <see cref="WorkflowNames.ReviewerDecided"/> until the review expires; null when it expired. If the
    /// policy has a reminder before the expiry and no decision came by then, <paramref name="remindAsync"/> runs once.
    /// </summary>
    internal static async Task<ReviewerDecision?> AwaitDecisionAsync(
        TaskOrchestrationContext context, ReviewPolicy policy, DateTime requestedAt, DateTime expiresAt, Func<Task> remindAsync)
    {
        using CancellationTokenSource waitCancellation = new();
        Task<ReviewerDecision> decisionTask = context.WaitForExternalEvent<ReviewerDecision>(WorkflowNames.ReviewerDecided, waitCancellation.Token);
        ReviewerDecision? decision = null;
        DateTime reminderAt = requestedAt + policy.ReminderAfter;
        if (policy.ReminderAfter > TimeSpan.Zero && reminderAt < expiresAt)
        {
            decision = await WaitUntilAsync(context, decisionTask, reminderAt);
            if (decision is null)
            {
                await remindAsync();
            }
        }

        decision ??= await WaitUntilAsync(context, decisionTask, expiresAt);
        if (decision is null)
        {
            waitCancellation.Cancel();
        }

        return decision;
    }

    /// <summary>The final evaluation and resolution for a decision (null: the review expired).</summary>
    internal static (Evaluation Final, ReviewResolution Resolution) Resolve(Evaluation proposed, ReviewerDecision? decision) => decision switch
    {
        null => (CoSellRules.Expire(proposed), ReviewResolution.Expired),
        { Approved: true } => (CoSellRules.ApplyReview(proposed, true, decision.Comment), ReviewResolution.Approved),
        _ => (CoSellRules.ApplyReview(proposed, false, decision.Comment), ReviewResolution.Rejected),
    };

    /// <summary>A history entry of this review at the orchestration's current time, with its deterministic id.</summary>
    internal static HistoryEntry Entry(
        TaskOrchestrationContext context, ReviewRequest input, int step, HistoryKind kind, string actor, string summary, IReadOnlyList<string>? evidence = null)
        => new(
            input.Submission.Offer.PartnerId, input.Submission.Offer.OfferId, HistorySteps.EntryId(context.InstanceId, step), Now(context),
            kind, actor, summary, InstanceId: context.InstanceId, Evidence: evidence);

    internal static DateTimeOffset Now(TaskOrchestrationContext context) => Utc(context.CurrentUtcDateTime);

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

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
}
