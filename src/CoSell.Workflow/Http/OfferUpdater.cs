using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Http;

/// <summary>How a conditional change of an offer row ended.</summary>
public enum UpdateStatus
{
    Updated,
    Unchanged,
    NotFound,
    PreconditionFailed,
}

public sealed record UpdateOutcome(UpdateStatus Status, OfferRecord? Record);

/// <summary>
/// Changes an offer row with optimistic concurrency: with the caller's If-Match, a mismatch is a 412; without it,
/// a conflicting write re-reads and re-applies the change (a few times), so concurrent edits are never lost.
/// Every real change bumps <see cref="OfferRecord.DraftVersion"/>.
/// </summary>
public sealed class OfferUpdater
{
    private const int MaxAttempts = 5;
    private readonly IOfferStore _offers;
    private readonly TimeProvider _time;

    public OfferUpdater(IOfferStore offers, TimeProvider time)
    {
        _offers = offers;
        _time = time;
    }

    /// <param name="change">The new record from the current one, or null when nothing changes.</param>
    public async Task<UpdateOutcome> UpdateAsync(string partnerId, string offerId, string? ifMatch, Func<OfferRecord, OfferRecord?> change, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            OfferRecord? current = await _offers.GetAsync(partnerId, offerId, cancellationToken);
            if (current is null)
            {
                return new UpdateOutcome(UpdateStatus.NotFound, null);
            }

            if (ifMatch is not null && !EntityTags.Matches(ifMatch, current.ETag))
            {
                return new UpdateOutcome(UpdateStatus.PreconditionFailed, current);
            }

            OfferRecord? changed = change(current);
            if (changed is null)
            {
                return new UpdateOutcome(UpdateStatus.Unchanged, current);
            }

            OfferRecord next = changed with { DraftVersion = current.DraftVersion + 1, UpdatedAt = _time.GetUtcNow() };
            try
            {
                OfferRecord stored = await _offers.ReplaceAsync(next, current.ETag ?? string.Empty, cancellationToken);
                return new UpdateOutcome(UpdateStatus.Updated, stored);
            }
            catch (ConcurrencyConflictException) when (ifMatch is null && attempt < MaxAttempts)
            {
            }
            catch (ConcurrencyConflictException)
            {
                return new UpdateOutcome(UpdateStatus.PreconditionFailed, null);
            }
        }
    }
}
