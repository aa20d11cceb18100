using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using static CoSell.Workflow.Orchestrators.ReviewOrchestration;

namespace CoSell.Workflow.Orchestrators;

/// <summary>
/// One co-sell review: validate collateral, contacts and revenue in parallel, evaluate, invite the reviewers (with a
/// reminder, until expiry), then record the outcome and tell everyone. Five activities on the approval path, three
/// plus one when the automated checks fail (plus one to close the decision row when the review expires): each history entry is written inside the activity that does its step,
/// in one table transaction with the entries around it. Deterministic: time from the context, ids from
/// <see cref="TaskOrchestrationContext.NewGuid"/>, all I/O in activities.
/// </summary>
public sealed class CoSellReviewOrchestratorV2 : TaskOrchestrator<ReviewRequest, CoSellOutcome>
{
    public override async Task<CoSellOutcome> RunAsync(TaskOrchestrationContext context, ReviewRequest input)
    {
        ILogger log = context.CreateReplaySafeLogger<CoSellReviewOrchestratorV2>();
        ReviewPolicy policy = input.Policy ?? new();
        TaskOptions retry = RetryOptions(policy);
        Submission submission = input.Submission;
        string instanceId = context.InstanceId;

        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Validating, Now(context)));
        HistoryEntry submitted = Entry(context, input, HistorySteps.Submitted, HistoryKind.Submitted, input.SubmittedBy,
            $"Draft {submission.DraftVersion} submitted for co-sell review.");

        (IReadOnlyList<CollateralFinding> collateral, Evaluation proposed) = await ValidateAsync(context, submission, retry, log);
        HistoryEntry validated = Entry(context, input, HistorySteps.Validated, HistoryKind.Validated, ChecksActor,
            $"Automated checks proposed {proposed.Status}.", [.. proposed.Failures.Select(r => $"{r.Id}: {r.Reason}")]);

        if (proposed.Status == CoSellStatus.NotReady)
        {
            context.SetCustomStatus(new ReviewProgress(ReviewProgress.Recording, Now(context)));
            await RecordOutcomeAsync(context, input, proposed, proposed, ReviewResolution.AutomatedFailure, null, collateral, [submitted, validated], retry);
            context.SetCustomStatus(new ReviewProgress(ReviewProgress.Completed, Now(context)));
            return new CoSellOutcome(CoSellStatus.NotReady, [], ReviewResolution.AutomatedFailure, null, null);
        }

        (List<string> reviewers, DateTime requestedAt, DateTime expiresAt, List<ReviewInvitation> invitations) = Invitations(context, policy);
        ReviewLinkRequest links = new(instanceId, submission, proposed, invitations, Utc(requestedAt), Utc(expiresAt), IsReminder: false);
        HistoryEntry requested = Entry(context, input, HistorySteps.ReviewRequested, HistoryKind.ReviewRequested, ChecksActor,
            $"Review requested from {string.Join(", ", reviewers)}; expires {Utc(expiresAt):u}.");
        await context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.InviteReviewers, new ReviewInvitationRequest(links, [submitted, validated, requested]), retry);
        context.SetCustomStatus(new ReviewProgress(ReviewProgress.AwaitingReview, Utc(requestedAt), reviewers));

        ReviewerDecision? decision = await AwaitDecisionAsync(context, policy, requestedAt, expiresAt, () =>
        {
            HistoryEntry reminded = Entry(context, input, HistorySteps.ReviewReminded, HistoryKind.ReviewReminded, ChecksActor,
                $"Reminder sent to {string.Join(", ", reviewers)}.");
            return context.CallActivityAsync<ReviewLinkResult>(WorkflowNames.InviteReviewers, new ReviewInvitationRequest(links with { IsReminder = true }, [reminded]), retry);
        });
        if (decision is null)
        {
            // The expiry timer won here; the review's decision row settles it for the reviewer page too: a decision
            // recorded there first still counts, and any decision posted from now on is answered "expired".
            ReviewerDecision closed = await context.CallActivityAsync<ReviewerDecision>(WorkflowNames.CloseReview, new ReviewExpiry(instanceId, Now(context)), retry);
            decision = closed.ClosedByExpiry ? null : closed;
        }

        (Evaluation final, ReviewResolution resolution) = Resolve(proposed, decision);
        log.LogInformation("Review {InstanceId} resolved {Resolution}: status {Status}", instanceId, resolution, final.Status);

        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Recording, Now(context)));
        await RecordOutcomeAsync(context, input, proposed, final, resolution, decision, collateral, [], retry);
        context.SetCustomStatus(new ReviewProgress(ReviewProgress.Completed, Now(context)));
        return new CoSellOutcome(final.Status, final.Tracks, resolution, decision?.Reviewer, decision?.Comment);
    }

    private static Task<OutcomeRecordResult> RecordOutcomeAsync(
        TaskOrchestrationContext context, ReviewRequest input, Evaluation proposed, Evaluation final, ReviewResolution resolution,
        ReviewerDecision? decision, IReadOnlyList<CollateralFinding> collateral, IReadOnlyList<HistoryEntry> history, TaskOptions retry)
        => context.CallActivityAsync<OutcomeRecordResult>(
            WorkflowNames.RecordOutcome,
            new OutcomeRecordRequest(new StatusRecordRequest(context.InstanceId, input, proposed, final, resolution, decision, collateral, Now(context)), history),
            retry);
}
