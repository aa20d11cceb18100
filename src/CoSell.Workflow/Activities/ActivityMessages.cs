using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>One reviewer and the id of the review link issued to them. The link itself never enters orchestration history.</summary>
public sealed record ReviewInvitation(string Reviewer, string TokenId);

/// <summary>Input of <see cref="WorkflowNames.RequestReview"/>: issue (or re-send, for the reminder) one signed link per reviewer.</summary>
public sealed record ReviewLinkRequest(
    string InstanceId,
    Submission Submission,
    Evaluation Proposed,
    IReadOnlyList<ReviewInvitation> Invitations,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    bool IsReminder);

/// <summary>Output of <see cref="WorkflowNames.RequestReview"/>: one receipt per reviewer e-mail (no links).</summary>
public sealed record ReviewLinkResult(IReadOnlyList<NotificationReceipt> Receipts);

/// <summary>
/// Input of <see cref="WorkflowNames.RecordStatus"/>: what the review decided. <see cref="Final"/> is the evaluation the
/// orchestrator derived from <see cref="Proposed"/> with the domain rules (approve, reject, expire, or automated failure).
/// </summary>
public sealed record StatusRecordRequest(
    string InstanceId,
    ReviewRequest Request,
    Evaluation Proposed,
    Evaluation Final,
    ReviewResolution Resolution,
    ReviewerDecision? Decision,
    IReadOnlyList<CollateralFinding> Collateral,
    DateTimeOffset At);

/// <summary>Output of <see cref="WorkflowNames.RecordStatus"/>.</summary>
/// <param name="Superseded">True when a later draft version's review had already been recorded; the offer row was left alone.</param>
public sealed record StatusRecordResult(CoSellStatus? PreviousStatus, CoSellStatus Status, bool Superseded);

/// <summary>Deterministic step numbers of one review's history entries: <c>EntryId = {instanceId}-{step:D3}</c>.</summary>
public static class HistorySteps
{
    public const int Submitted = 1;
    public const int Validated = 2;
    public const int ReviewRequested = 3;
    public const int ReviewReminded = 4;
    public const int Reviewed = 5;
    public const int StatusChanged = 6;
    public const int NotifiedPartner = 7;
    public const int NotifiedReviewers = 8;

    public static string EntryId(string instanceId, int step) => $"{instanceId}-{step:D3}";
}

/// <summary>Notification steps (the outbox key is instance id + step, so each e-mail goes out at most once).</summary>
public static class NotificationSteps
{
    public const string PartnerNotReady = "partner-not-ready";
    public const string PartnerOutcome = "partner-outcome";
    public const string ReviewerRecorded = "reviewer-recorded";

    /// <summary>"review-request-{n}" or "review-reminder-{n}" for the n-th reviewer (1-based).</summary>
    public static string ReviewerLink(int reviewerNumber, bool reminder)
        => reminder ? $"review-reminder-{reviewerNumber}" : $"review-request-{reviewerNumber}";
}

/// <summary>
/// Input of <see cref="WorkflowNames.InviteReviewers"/> (review version 2): the links to issue or re-send, and the
/// history entries this step records (the orchestrator builds them, so their times are the orchestration's own).
/// </summary>
public sealed record ReviewInvitationRequest(ReviewLinkRequest Links, IReadOnlyList<HistoryEntry> History);

/// <summary>
/// Input of <see cref="WorkflowNames.RecordOutcome"/> (review version 2): the result to record, and history entries the
/// orchestrator has not written yet that belong before it (submitted and validated, when no reviewer was asked).
/// </summary>
public sealed record OutcomeRecordRequest(StatusRecordRequest Status, IReadOnlyList<HistoryEntry> History);

/// <summary>Output of <see cref="WorkflowNames.RecordOutcome"/>: the recorded status and one receipt per e-mail sent.</summary>
public sealed record OutcomeRecordResult(StatusRecordResult Status, IReadOnlyList<NotificationReceipt> Receipts);
