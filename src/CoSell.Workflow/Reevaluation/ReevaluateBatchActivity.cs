using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Re-runs the co-sell rules for the reviewed offers of one range of organisations (partners) against their revenue
/// rows of the run's month, and e-mails each affected partner. Two reads serve the whole batch: the month's revenue rows
/// of the range, and the range's status snapshots (with their ETags), streamed page by page; the partners are then
/// handled <see cref="PartnersInFlight"/> at a time. Only the incentive can move (Co-sell ready ↔ Co-sell incentivized);
/// a status is written only when it changes, with the ETag it was read with (one table transaction per partner; a
/// conflict reloads each of that partner's offers and decides again, never overwrites), with one history entry per offer
/// and run (<c>reeval-{month}-{partner}-{offer}</c>), and then the partner's one e-mail of the month.
/// </summary>
/// <remarks>
/// Safe to repeat: an offer already carrying this run's snapshot reports the change it recorded and is not written
/// again, history appends are idempotent, and the outbox sends each partner's e-mail once. The ranges are cut between
/// organisations, so all of a partner's offers are in one batch and its e-mail can say everything.
/// </remarks>
public sealed class ReevaluateBatchActivity(IOfferStore offers, IRevenueStore revenue, IHistoryStore history, INotifier notifier)
{
    /// <summary>Actor of the snapshots and history entries a re-evaluation writes.</summary>
    public const string Actor = "monthly re-evaluation";

    /// <summary>Partners whose writes, history and e-mail are under way at once in one batch.</summary>
    internal const int PartnersInFlight = 4;

    internal const int MaxWriteAttempts = 5;

    public static string HistoryEntryId(string month, string partnerId, string offerId) => $"reeval-{month}-{partnerId}-{offerId}";

    public async Task<ReevaluationBatchResult> RunAsync(ReevaluationBatchRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Dictionary<string, OrganisationProfile> organisations = (await revenue.ListAsync(input.Month, input.Organisations, cancellationToken))
            .ToDictionary(o => o.OrganisationId, StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(PartnersInFlight);
        var partners = new List<Task<PartnerOutcome>>();
        var rows = new List<ReviewedOffer>();
        try
        {
            await foreach (ReviewedOffer row in offers.ListReviewedOfPartnersAsync(input.Organisations, cancellationToken))
            {
                if (rows.Count > 0 && rows[0].PartnerId != row.PartnerId)
                {
                    partners.Add(await StartAsync(rows));
                    rows = [];
                }

                rows.Add(row);
            }

            if (rows.Count > 0)
            {
                partners.Add(await StartAsync(rows));
            }
        }
        finally
        {
            // Never leave a partner's writes running after the activity ends, even when the listing failed.
            await Task.WhenAll(partners.Select(p => p.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)));
        }

        var tally = new BatchTally();
        foreach (PartnerOutcome partner in await Task.WhenAll(partners))
        {
            partner.AddTo(tally);
        }

        return tally.ToResult();

        async Task<Task<PartnerOutcome>> StartAsync(List<ReviewedOffer> partnerRows)
        {
            await slots.WaitAsync(cancellationToken);
            return RunPartnerAsync(partnerRows);
        }

        async Task<PartnerOutcome> RunPartnerAsync(List<ReviewedOffer> partnerRows)
        {
            try
            {
                return await ReevaluatePartnerAsync(input, partnerRows, organisations.GetValueOrDefault(partnerRows[0].PartnerId), cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Decides every offer of one partner, writes the changes in one go, appends their history, e-mails the partner.</summary>
    private async Task<PartnerOutcome> ReevaluatePartnerAsync(
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

        List<OfferReevaluation> results = [.. decisions.Select(d => d.Result)];
        List<OfferReevaluation> changes = [.. results.Where(r => r.IsChange)];
        if (changes.Count == 0)
        {
            return new PartnerOutcome(results, null, null, null);
        }

        PartnerChanges partner = PartnerChanges.Of(rows[0].PartnerId, changes);
        if (partner.To.Count == 0)
        {
            return new PartnerOutcome(results, null, null, new ReevaluationIssue(partner.PartnerId, null, ReevaluationOutcome.Error, "No partner e-mail address is on file; the partner was not notified."));
        }

        (PartnerEmailOutcome mail, string? failure) = await PartnerEmail.TrySendAsync(notifier, partner, input.InstanceId, input.Month, cancellationToken);
        return new PartnerOutcome(results, partner, (mail, failure), null);
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

    /// <summary>One partner's results, and how its e-mail went (none when nothing changed).</summary>
    private sealed record PartnerOutcome(
        List<OfferReevaluation> Results, PartnerChanges? Partner, (PartnerEmailOutcome Outcome, string? Failure)? Mail, ReevaluationIssue? Issue)
    {
        public void AddTo(BatchTally tally)
        {
            Results.ForEach(tally.Add);
            if (Issue is not null)
            {
                tally.Issue(Issue);
            }

            if (Partner is not null && Mail is { } mail)
            {
                tally.Mailed(Partner, mail.Outcome, mail.Failure);
            }
        }
    }
}
