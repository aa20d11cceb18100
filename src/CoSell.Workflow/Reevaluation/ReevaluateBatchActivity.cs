using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Re-runs the co-sell rules for the reviewed offers of one range of organisations (partners) against their revenue
/// rows of the run's month. Two reads serve the whole batch: the month's revenue rows of the range, and the range's
/// offer rows (with their ETags), streamed page by page and handled one partner at a time. Only the incentive can move
/// (Co-sell ready ↔ Co-sell incentivized); a status is written only when it changes, with the ETag it was read with
/// (one table transaction per partner; a conflict reloads each of that partner's offers and decides again, never
/// overwrites), with one history entry per offer and run (<c>reeval-{month}-{partner}-{offer}</c>). Safe to repeat: an
/// offer already carrying this run's snapshot reports the change it recorded and is not written again.
/// </summary>
public sealed class ReevaluateBatchActivity(IOfferStore offers, IRevenueStore revenue, IHistoryStore history)
{
    /// <summary>Actor of the snapshots and history entries a re-evaluation writes.</summary>
    public const string Actor = "monthly re-evaluation";

    internal const int MaxWriteAttempts = 5;

    public static string HistoryEntryId(string month, string partnerId, string offerId) => $"reeval-{month}-{partnerId}-{offerId}";

    public async Task<ReevaluationBatchResult> RunAsync(ReevaluationBatchRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Dictionary<string, OrganisationProfile> organisations = (await revenue.ListAsync(input.Month, input.Organisations, cancellationToken))
            .ToDictionary(o => o.OrganisationId, StringComparer.Ordinal);
        var results = new List<OfferReevaluation>();
        var partner = new List<ReviewedOffer>();
        await foreach (ReviewedOffer row in offers.ListReviewedOfPartnersAsync(input.Organisations, cancellationToken))
        {
            if (partner.Count > 0 && partner[0].PartnerId != row.PartnerId)
            {
                results.AddRange(await ReevaluatePartnerAsync(input, partner, organisations.GetValueOrDefault(partner[0].PartnerId), cancellationToken));
                partner = [];
            }

            partner.Add(row);
        }

        if (partner.Count > 0)
        {
            results.AddRange(await ReevaluatePartnerAsync(input, partner, organisations.GetValueOrDefault(partner[0].PartnerId), cancellationToken));
        }

        return ReevaluationBatchResult.Of(results);
    }

    /// <summary>Decides every offer of one partner, writes the changes in one go, and appends their history.</summary>
    private async Task<List<OfferReevaluation>> ReevaluatePartnerAsync(
        ReevaluationBatchRequest input, List<ReviewedOffer> rows, OrganisationProfile? organisation, CancellationToken cancellationToken)
    {
        List<ReevaluationDecision> decisions = [.. rows.Select(r => ReevaluationDecision.Make(input, r, organisation))];
        List<ReevaluationDecision> writes = [.. decisions.Where(d => d.Write is not null)];
        if (writes.Count > 0)
        {
            try
            {
                await offers.ReplaceStatusesAsync([.. writes.Select(w => w.Write!)], cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                for (int i = 0; i < decisions.Count; i++)
                {
                    if (decisions[i].Write is not null)
                    {
                        decisions[i] = await ReloadAndDecideAsync(input, rows[i], organisation, cancellationToken);
                    }
                }
            }
        }

        foreach (ReevaluationDecision decision in decisions)
        {
            if (decision.History is { } entry)
            {
                await history.AppendAsync(entry, cancellationToken);
            }
        }

        return [.. decisions.Select(d => d.Result)];
    }

    /// <summary>Someone else wrote the row since it was read: read it again and decide again, a few times at most.</summary>
    private async Task<ReevaluationDecision> ReloadAndDecideAsync(
        ReevaluationBatchRequest input, ReviewedOffer stale, OrganisationProfile? organisation, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            OfferRecord? record = await offers.GetAsync(stale.PartnerId, stale.OfferId, cancellationToken);
            if (record is null || ReviewedOffer.Of(record) is not { } reloaded)
            {
                return ReevaluationDecision.Skip(stale.PartnerId, stale.OfferId, "The offer no longer exists or has no recorded co-sell status any more.");
            }

            ReevaluationDecision decision = ReevaluationDecision.Make(input, reloaded, organisation);
            if (decision.Write is null)
            {
                return decision;
            }

            try
            {
                await offers.ReplaceStatusesAsync([decision.Write], cancellationToken);
                return decision;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
            }
            catch (ConcurrencyConflictException)
            {
                return decision.AsError($"The offer kept changing during the re-evaluation ({MaxWriteAttempts} conflicting writes); status kept.");
            }
        }
    }
}
