using CoSell.Domain;

namespace CoSell.Workflow.Messages;

/// <summary>Input of <c>CoSellReviewOrchestrator</c>: one submitted draft version, who pressed "Review and publish" (an e-mail address; partner notifications go there), and when.</summary>
public sealed record ReviewRequest(Submission Submission, string SubmittedBy, DateTimeOffset SubmittedAt)
{
    /// <summary>Reviewers and timings for this review; the HTTP starter fills it from <c>ReviewOptions.ToPolicy()</c>.</summary>
    public ReviewPolicy Policy { get; init; } = new();
}

/// <summary>
/// Who reviews and how long the review waits, carried in the orchestration input (an orchestrator cannot read options).
/// The reminder goes out <see cref="ReminderAfter"/> after the review request (only if that is before the expiry);
/// the review expires <see cref="ExpireAfter"/> after the request.
/// </summary>
public sealed record ReviewPolicy
{
    public static readonly TimeSpan DefaultReminderAfter = TimeSpan.FromDays(3);

    public static readonly TimeSpan DefaultExpireAfter = TimeSpan.FromDays(14);

    /// <summary>Reviewer e-mail addresses; each gets an own signed link.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    public TimeSpan ReminderAfter { get; init; } = DefaultReminderAfter;

    public TimeSpan ExpireAfter { get; init; } = DefaultExpireAfter;

    /// <summary>Attempts per activity call (first call included) for transient failures.</summary>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry of a failed activity; doubles on each further retry.</summary>
    public TimeSpan ActivityFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>Payload of the <see cref="WorkflowNames.ReviewerDecided"/> event.</summary>
public sealed record ReviewerDecision(bool Approved, string Reviewer, string? Comment, DateTimeOffset DecidedAt)
{
    /// <summary>
    /// A nonce the reviewer page sets on each posted decision and the token store keeps, so a request that raced
    /// another (a double click) can tell whether the recorded decision is its own. Null for decisions made elsewhere.
    /// </summary>
    public string? DecisionId { get; init; }

    /// <summary>
    /// True for the marker a review (version 2) writes into its one decision row when its expiry timer wins: nobody
    /// decided. The row is first-writer-wins, so either a reviewer's decision or the expiry is recorded, never both.
    /// </summary>
    public bool ClosedByExpiry { get; init; }

    /// <summary>The expiry marker (see <see cref="ClosedByExpiry"/>).</summary>
    public static ReviewerDecision Expiry(DateTimeOffset at) => new(false, string.Empty, null, at) { ClosedByExpiry = true };

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
public sealed record ReviewProgress(string Stage, DateTimeOffset Since, IReadOnlyList<string>? Reviewers = null)
{
    public const string Validating = nameof(Validating);
    public const string AwaitingReview = nameof(AwaitingReview);
    public const string Recording = nameof(Recording);
    public const string Completed = nameof(Completed);
}
