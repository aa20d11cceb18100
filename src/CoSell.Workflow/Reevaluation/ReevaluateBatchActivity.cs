using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Re-runs the co-sell rules for a batch of reviewed offers against the organisation's revenue row of the run's month.
/// Only the incentive can move (Co-sell ready ↔ Co-sell incentivized); a status is written only when it changes,
/// ETag-conditional (a conflict reloads and decides again), with one history entry per offer and run
/// (<c>reeval-{month}-{partner}-{offer}</c>). Safe to repeat: an offer already carrying this run's snapshot reports
/// the change it recorded and is not written again. Organisation rows are read once per batch.
/// </summary>
public sealed class ReevaluateBatchActivity(IOfferStore offers, IRevenueStore revenue, IHistoryStore history)
{
    /// <summary>Actor of the snapshots and history entries a re-evaluation writes.</summary>
    public const string Actor = "monthly re-evaluation";

    internal const int MaxWriteAttempts = 5;

    public static string HistoryEntryId(string month, string partnerId, string offerId) => $"reeval-{month}-{partnerId}-{offerId}";

    public async Task<IReadOnlyList<OfferReevaluation>> RunAsync(ReevaluationBatchRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organisations = new Dictionary<string, OrganisationProfile?>(StringComparer.Ordinal);
        var results = new List<OfferReevaluation>(input.Offers.Count);
        foreach (OfferKey key in input.Offers)
        {
            results.Add(await ReevaluateAsync(input, key, organisations, cancellationToken));
        }

        return results;
    }

    private async Task<OfferReevaluation> ReevaluateAsync(
        ReevaluationBatchRequest input, OfferKey key, Dictionary<string, OrganisationProfile?> organisations, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            OfferRecord? record = await offers.GetAsync(key.PartnerId, key.OfferId, cancellationToken);
            OfferStatusSnapshot? current = record?.Current;
            if (record is null || current is null)
            {
                return new OfferReevaluation(key.PartnerId, key.OfferId, ReevaluationOutcome.Skipped, Reason: "The offer has no recorded co-sell status any more.");
            }

            OfferReevaluation Result(ReevaluationOutcome outcome, CoSellStatus? to = null, decimal? acr = null, string? reason = null)
                => new(key.PartnerId, key.OfferId, outcome, current.Status, to ?? current.Status, record.Offer.Name, current.PartnerEmail, acr, reason);

            OrganisationProfile? organisation = await OrganisationAsync(input.Month, key.PartnerId, organisations, cancellationToken);
            if (current.InstanceId == input.InstanceId && current.PreviousStatus is { } recordedFrom && recordedFrom != current.Status)
            {
                await history.AppendAsync(Entry(input, key, recordedFrom, current.Status, organisation, current.Evaluation), cancellationToken);
                return Result(Outcome(recordedFrom, current.Status), acr: organisation?.AcrTtmUsd) with { From = recordedFrom };
            }

            if (current.Status is not (CoSellStatus.CoSellReady or CoSellStatus.CoSellIncentivized))
            {
                return Result(ReevaluationOutcome.Skipped, reason: $"The status is {current.Status}; only Co-sell ready and incentivized offers are re-evaluated.");
            }

            if (!current.ReviewerApproved)
            {
                return Result(ReevaluationOutcome.Skipped, reason: "The status was not approved by a reviewer; it is left for a review.");
            }

            if (organisation is null)
            {
                return Result(ReevaluationOutcome.MissingRevenue, reason: $"No revenue row for {input.Month}; status {current.Status} kept.");
            }

            Evaluation evaluation;
            try
            {
                evaluation = CoSellRules.Evaluate(current.Submission, current.Collateral, organisation);
            }
            catch (DomainValidationException ex)
            {
                return Result(ReevaluationOutcome.Error, acr: organisation.AcrTtmUsd, reason: $"The stored submission or revenue row is invalid; status kept. {ex.Message}");
            }

            // The monthly run grants or withdraws the incentive only; leaving co-sell ready takes a new review.
            CoSellStatus to = evaluation.Status == CoSellStatus.CoSellIncentivized ? CoSellStatus.CoSellIncentivized : CoSellStatus.CoSellReady;
            if (to == current.Status)
            {
                return Result(ReevaluationOutcome.Unchanged, acr: organisation.AcrTtmUsd);
            }

            Evaluation recorded = evaluation with { Status = to };
            OfferStatusSnapshot snapshot = current with
            {
                Status = to,
                Evaluation = recorded,
                InstanceId = input.InstanceId,
                ChangedAt = input.At,
                ChangedBy = Actor,
                Reason = Summary(input.Month, current.Status, to, organisation),
                PreviousStatus = current.Status,
            };
            try
            {
                await offers.ReplaceAsync(record with { Current = snapshot }, record.ETag ?? string.Empty, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                return Result(ReevaluationOutcome.Error, acr: organisation.AcrTtmUsd,
                    reason: $"The offer kept changing during the re-evaluation ({MaxWriteAttempts} conflicting writes); status kept.");
            }

            await history.AppendAsync(Entry(input, key, current.Status, to, organisation, recorded), cancellationToken);
            return Result(Outcome(current.Status, to), to, organisation.AcrTtmUsd);
        }
    }

    private async Task<OrganisationProfile?> OrganisationAsync(
        string month, string organisationId, Dictionary<string, OrganisationProfile?> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(organisationId, out OrganisationProfile? organisation))
        {
            organisation = await revenue.GetAsync(month, organisationId, cancellationToken);
            cache[organisationId] = organisation;
        }

        return organisation;
    }

    private static ReevaluationOutcome Outcome(CoSellStatus from, CoSellStatus to)
        => to == CoSellStatus.CoSellIncentivized && from != CoSellStatus.CoSellIncentivized ? ReevaluationOutcome.Granted : ReevaluationOutcome.Withdrawn;

    private static HistoryEntry Entry(
        ReevaluationBatchRequest input, OfferKey key, CoSellStatus from, CoSellStatus to, OrganisationProfile? organisation, Evaluation evaluation)
        => new(
            key.PartnerId,
            key.OfferId,
            HistoryEntryId(input.Month, key.PartnerId, key.OfferId),
            input.At,
            HistoryKind.Reevaluated,
            Actor,
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
