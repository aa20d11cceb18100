using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>Input of <see cref="WorkflowNames.CloseReview"/>: the review whose expiry timer fired, and when.</summary>
public sealed record ReviewExpiry(string InstanceId, DateTimeOffset At);

/// <summary>
/// Runs when a review's expiry timer wins (version 2): writes the expiry into the review's one decision row, unless a
/// reviewer's decision got there first, and returns whichever is recorded. A decision the reviewer was told was
/// recorded therefore always counts, and one posted after this answers "expired": one outcome, both sides agree.
/// Idempotent: a repeat finds the row it wrote.
/// </summary>
public sealed class CloseReviewActivity(IReviewTokenStore tokens)
{
    public Task<ReviewerDecision> RunAsync(ReviewExpiry input, CancellationToken cancellationToken)
        => tokens.RecordExpiryAsync(input.InstanceId, input.At, cancellationToken);
}
