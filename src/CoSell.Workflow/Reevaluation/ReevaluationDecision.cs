using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// What the monthly run decides for one offer, without I/O: the result to report, the status to write (only when it
/// changes; it carries the ETag the row was read with) and the history entry to append (for a change, also one this
/// run wrote earlier: the append is idempotent).
/// </summary>
internal sealed record ReevaluationDecision(OfferReevaluation Result, ReviewedOffer? Write, HistoryEntry? History)
{
    public static ReevaluationDecision Skip(string partnerId, string offerId, string reason)
        => new(new OfferReevaluation(partnerId, offerId, ReevaluationOutcome.Skipped, Reason: reason), null, null);

    public ReevaluationDecision AsError(string reason)
        => new(Result with { Outcome = ReevaluationOutcome.Error, To = Result.From, Reason = reason }, null, null);

    public static ReevaluationDecision Make(ReevaluationBatchRequest input, ReviewedOffer record, OrganisationProfile? organisation)
    {
        OfferStatusSnapshot current = record.Current;
        ReevaluationDecision Report(ReevaluationOutcome outcome, string? reason = null)
            => new(new OfferReevaluation(record.PartnerId, record.OfferId, outcome, current.Status, current.Status, record.OfferName,
                current.PartnerEmail, organisation?.AcrTtmUsd, reason), null, null);

        if (current.InstanceId == input.InstanceId && current.PreviousStatus is { } recordedFrom && recordedFrom != current.Status)
        {
            // Written by this run before (a retried or re-run batch): report it again and make sure its history exists.
            OfferReevaluation recorded = Report(Outcome(recordedFrom, current.Status)).Result with { From = recordedFrom };
            return new(recorded, null, Entry(input, record, recordedFrom, current.Status, organisation, current.Evaluation));
        }

        if (current.Status is not (CoSellStatus.CoSellReady or CoSellStatus.CoSellIncentivized))
        {
            return Report(ReevaluationOutcome.Skipped, $"The status is {current.Status}; only Co-sell ready and incentivized offers are re-evaluated.");
        }

        if (!current.ReviewerApproved)
        {
            return Report(ReevaluationOutcome.Skipped, "The status was not approved by a reviewer; it is left for a review.");
        }

        if (organisation is null)
        {
            return Report(ReevaluationOutcome.MissingRevenue, $"No revenue row for {input.Month}; status {current.Status} kept.");
        }

        Evaluation evaluation;
        try
        {
            evaluation = CoSellRules.Evaluate(current.Submission, current.Collateral, organisation);
        }
        catch (DomainValidationException ex)
        {
            return Report(ReevaluationOutcome.Error, $"The stored submission or revenue row is invalid; status kept. {ex.Message}");
        }

        // The monthly run grants or withdraws the incentive only; leaving co-sell ready takes a new review.
        CoSellStatus to = evaluation.Status == CoSellStatus.CoSellIncentivized ? CoSellStatus.CoSellIncentivized : CoSellStatus.CoSellReady;
        if (to == current.Status)
        {
            return Report(ReevaluationOutcome.Unchanged);
        }

        Evaluation recordedEvaluation = evaluation with { Status = to };
        OfferStatusSnapshot snapshot = current with
        {
            Status = to,
            Evaluation = recordedEvaluation,
            InstanceId = input.InstanceId,
            ChangedAt = input.At,
            ChangedBy = ReevaluateBatchActivity.Actor,
            Reason = Summary(input.Month, current.Status, to, organisation),
            PreviousStatus = current.Status,
        };
        OfferReevaluation change = Report(Outcome(current.Status, to)).Result with { To = to };
        return new(change, record with { Current = snapshot }, Entry(input, record, current.Status, to, organisation, recordedEvaluation));
    }

    private static ReevaluationOutcome Outcome(CoSellStatus from, CoSellStatus to)
        => to == CoSellStatus.CoSellIncentivized && from != CoSellStatus.CoSellIncentivized ? ReevaluationOutcome.Granted : ReevaluationOutcome.Withdrawn;

    private static HistoryEntry Entry(
        ReevaluationBatchRequest input, ReviewedOffer record, CoSellStatus from, CoSellStatus to, OrganisationProfile? organisation, Evaluation evaluation)
        => new(
            record.PartnerId,
            record.OfferId,
            ReevaluateBatchActivity.HistoryEntryId(input.Month, record.PartnerId, record.OfferId),
            input.At,
            HistoryKind.Reevaluated,
            ReevaluateBatchActivity.Actor,
            Summary(input.Month, from, to, organisation),
            from,
            to,
            input.InstanceId,
            [.. evaluation.Requirements.Where(r => r.Step == 4 || (!r.Passed && !r.Optional)).Select(r => $"{r.Id}: {(r.Passed ? "met" : "not met")}; {r.Reason}")]);

    private static string Summary(string month, CoSellStatus from, CoSellStatus to, OrganisationProfile? organisation)
    {
        string figures = organisation is null
            ? "revenue row no longer available"
            : $"ACR TTM {Money.Usd(organisation.AcrTtmUsd)}, billed Azure solutions {Money.Usd(organisation.Solutions.Sum(s => s.BilledRevenueUsd))}";
        return $"Monthly re-evaluation {month}: {from} -> {to} ({figures}).";
    }
}
