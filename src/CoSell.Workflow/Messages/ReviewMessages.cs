using CoSell.Domain;

namespace CoSell.Workflow.Messages;

/// <summary>Input of <c>CoSellReviewOrchestrator</c>: one submitted draft version, who pressed "Review and publish" (an e-mail address; partner notifications go there), and when.</summary>
public sealed record ReviewRequest(Submission Submission, string SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>Payload of the <see cref="WorkflowNames.ReviewerDecided"/> event.</summary>
public sealed record ReviewerDecision(bool Approved, string Reviewer, string? Comment, DateTimeOffset DecidedAt)
{
    public static ReviewerDecision Approve(string reviewer, DateTimeOffset at, string? comment = null) => new(true, reviewer, comment, at);

    public static ReviewerDecision Reject(string reviewer, string comment, DateTimeOffset at) => new(false, reviewer, comment, at);
}

/// <summary>How a review ended.</summary>
public enum ReviewResolution
{
    /// <summary>Automated checks failed; no reviewer was asked.</summary>
    AutomatedFailure,
    Approved,
    Rejected,
    Expired,
}

/// <summary>Output of the review orchestration.</summary>
public sealed record CoSellOutcome(
    CoSellStatus Status,
    IReadOnlyList<IncentiveTrack> Tracks,
    ReviewResolution Resolution,
    string? Reviewer,
    string? Comment);

/// <summary>Custom status the orchestration publishes: Validating, AwaitingReview (since, by whom), Recording, Completed.</summary>
public sealed record ReviewProgress(string Stage, DateTimeOffset Since, IReadOnlyList<string>? Reviewers = null);
