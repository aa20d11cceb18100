using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Http;

/// <summary>Body of SubmitForReview: who pressed "Review and publish" (partner notifications go there).</summary>
public sealed record SubmitRequest(string? SubmittedBy);

/// <summary>The Durable-style 202 payload; every URL is one of our own partner routes, never a system-key URL.</summary>
public sealed record SubmissionAccepted(string Id, int DraftVersion, string StatusQueryGetUri, string OfferStatusUri, string HistoryUri);

/// <summary>One submission's orchestration as GetSubmission shows it.</summary>
public sealed record SubmissionStatusResponse(
    string Id,
    int DraftVersion,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    ReviewProgress? CustomStatus,
    CoSellOutcome? Output,
    string? Failure);

/// <summary>The offer's current co-sell status, every requirement explained (GetStatus).</summary>
/// <param name="Status">NotReady, CoSellReady, CoSellIncentivized, or <see cref="NotSubmitted"/> before the first review.</param>
public sealed record StatusResponse(
    string PartnerId,
    string OfferId,
    string Status,
    string Label,
    IReadOnlyList<IncentiveTrack> Tracks,
    IReadOnlyList<RequirementResult> Requirements,
    IReadOnlyList<Benefit> Benefits,
    DateTimeOffset? ChangedAt,
    string? ChangedBy,
    string? Reason,
    bool? ReviewerApproved,
    int DraftVersion,
    int? EvaluatedDraftVersion,
    bool ReviewInProgress,
    string? ReviewInstanceId)
{
    public const string NotSubmitted = nameof(NotSubmitted);
}

/// <summary>The offer's audit trail, oldest first (GetHistory).</summary>
public sealed record HistoryResponse(string PartnerId, string OfferId, IReadOnlyList<HistoryEntry> Entries);
