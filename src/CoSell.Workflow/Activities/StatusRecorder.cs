using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>
/// Writes a review's result onto the offer row (ETag-conditional; a conflict reloads and decides again) and names the
/// audit entries that go with it. Safe to repeat: a row already carrying this instance's snapshot is left alone, and
/// the entry ids are deterministic. A row already showing a later draft version's review is never overwritten (superseded).
/// </summary>
public sealed class StatusRecorder(IOfferStore offers)
{
    /// <summary>Actor of entries no person caused.</summary>
    public const string SystemActor = "co-sell review";

    internal const int MaxWriteAttempts = 5;

    /// <summary>Writes the review's snapshot onto the offer row unless this review (or a later draft's) is already there.</summary>
    public async Task<StatusRecordResult> WriteAsync(StatusRecordRequest input, CancellationToken cancellationToken)
    {
        Submission submission = input.Request.Submission;
        for (int attempt = 1; ; attempt++)
        {
            OfferRecord? record = await offers.GetAsync(submission.Offer.PartnerId, submission.Offer.OfferId, cancellationToken);
            OfferStatusSnapshot? current = record?.Current;
            if (current is not null && current.InstanceId == input.InstanceId && current.DraftVersion == submission.DraftVersion)
            {
                return new StatusRecordResult(current.PreviousStatus, current.Status, Superseded: false);
            }

            if (current is not null && current.DraftVersion > submission.DraftVersion)
            {
                return new StatusRecordResult(current.Status, current.Status, Superseded: true);
            }

            OfferStatusSnapshot snapshot = new(
                input.Final.Status,
                input.Final,
                input.InstanceId,
                submission.DraftVersion,
                input.At,
                Actor(input),
                Reason(input),
                input.Resolution == ReviewResolution.Approved,
                input.Request.SubmittedBy,
                submission,
                input.Collateral,
                current?.Status);
            try
            {
                if (record is null)
                {
                    await offers.CreateAsync(new OfferRecord(submission.Offer, submission.Materials, submission.DraftVersion, input.At, snapshot, ETag: null), cancellationToken);
                }
                else
                {
                    await offers.ReplaceAsync(record with { Current = snapshot }, record.ETag ?? string.Empty, cancellationToken);
                }

                return new StatusRecordResult(current?.Status, input.Final.Status, Superseded: false);
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or AlreadyExistsException && attempt < MaxWriteAttempts)
            {
                // Someone else wrote the row first: reload and decide again.
            }
        }
    }

    /// <summary>The audit entries of a recorded outcome: the decision (or expiry), and the status change unless superseded.</summary>
    public static IReadOnlyList<HistoryEntry> HistoryEntries(StatusRecordRequest input, StatusRecordResult result) => [.. Entries(input, result)];

    private static IEnumerable<HistoryEntry> Entries(StatusRecordRequest input, StatusRecordResult result)
    {
        Offer offer = input.Request.Submission.Offer;
        string reviewedId = HistorySteps.EntryId(input.InstanceId, HistorySteps.Reviewed);
        string superseded = result.Superseded ? " A later draft's review is already recorded; the offer's status was left unchanged." : string.Empty;
        if (input.Decision is { } decision && input.Resolution is ReviewResolution.Approved or ReviewResolution.Rejected)
        {
            yield return new HistoryEntry(
                offer.PartnerId, offer.OfferId, reviewedId, decision.DecidedAt, HistoryKind.Reviewed, decision.Reviewer,
                Reason(input) + superseded, InstanceId: input.InstanceId);
        }
        else if (input.Resolution == ReviewResolution.Expired)
        {
            yield return new HistoryEntry(
                offer.PartnerId, offer.OfferId, reviewedId, input.At, HistoryKind.ReviewExpired, SystemActor,
                Reason(input) + superseded, InstanceId: input.InstanceId);
        }

        if (!result.Superseded)
        {
            string from = result.PreviousStatus?.ToString() ?? "none";
            yield return new HistoryEntry(
                offer.PartnerId, offer.OfferId, HistorySteps.EntryId(input.InstanceId, HistorySteps.StatusChanged), input.At,
                HistoryKind.StatusChanged, Actor(input), $"Co-sell status {from} -> {input.Final.Status} (draft {input.Request.Submission.DraftVersion}).",
                result.PreviousStatus, input.Final.Status, input.InstanceId,
                [.. input.Final.Failures.Select(r => $"{r.Id}: {r.Reason}")]);
        }
    }

    private static string Actor(StatusRecordRequest input)
        => input.Decision is { } d && input.Resolution is ReviewResolution.Approved or ReviewResolution.Rejected ? d.Reviewer : SystemActor;

    private static string Reason(StatusRecordRequest input) => input.Resolution switch
    {
        ReviewResolution.Approved => $"Approved by {input.Decision?.Reviewer}" + Comment(input.Decision),
        ReviewResolution.Rejected => $"Rejected by {input.Decision?.Reviewer}" + Comment(input.Decision),
        ReviewResolution.Expired => "The review expired before a reviewer decided.",
        _ => AutomatedFailure(input.Final),
    };

    /// <summary>Counts and names what blocks the offer; step-4 incentive-track gaps are alternatives, not blockers.</summary>
    private static string AutomatedFailure(Evaluation final)
    {
        List<RequirementResult> blocking = [.. final.BlockingFailures];
        if (blocking.Count == 0)
        {
            blocking = [.. final.Failures];
        }

        return $"Automated checks failed: {blocking.Count} requirement(s) not met ({string.Join("; ", blocking.Select(r => r.Title))}).";
    }

    private static string Comment(ReviewerDecision? decision)
        => string.IsNullOrWhiteSpace(decision?.Comment) ? "." : $": {decision.Comment}";
}
