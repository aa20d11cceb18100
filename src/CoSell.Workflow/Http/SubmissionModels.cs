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
    string? ReviewInstanceId);

/// <summary>The offer's audit trail, oldest first (GetHistory).</summary>
public sealed record HistoryResponse(string PartnerId, string OfferId, IReadOnlyList<HistoryEntry> Entries);

/// <summary>Today's Partner Center names for the seed's statuses (SPEC §4).</summary>
public static class StatusLabels
{
    public const string NotSubmitted = nameof(NotSubmitted);

    public static string Label(CoSellStatus status, IReadOnlyList<IncentiveTrack> tracks) => status switch
    {
        CoSellStatus.NotReady => "In market (not co-sell ready)",
        CoSellStatus.CoSellReady => "Co-sell ready",
        CoSellStatus.CoSellIncentivized => string.Join(" and ", tracks.Select(t => t switch
        {
            IncentiveTrack.AzureIp => "Azure IP co-sell eligible",
            IncentiveTrack.BusinessApplications => "Business Applications co-sell eligible",
            _ => t.ToString(),
        })) is { Length: > 0 } names ? names : "Co-sell incentivized",
        _ => status.ToString(),
    };
}
