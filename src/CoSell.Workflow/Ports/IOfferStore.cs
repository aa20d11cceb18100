using System.Runtime.CompilerServices;

namespace CoSell.Workflow.Ports;

/// <summary>Table <c>CoSellOffers</c>. Every write is ETag-conditional; nothing is overwritten blindly.</summary>
public interface IOfferStore
{
    Task<OfferRecord?> GetAsync(string partnerId, string offerId, CancellationToken cancellationToken = default);

    /// <summary>Creates the row; throws <see cref="AlreadyExistsException"/> if it exists. Returns the record with its ETag.</summary>
    Task<OfferRecord> CreateAsync(OfferRecord record, CancellationToken cancellationToken = default);

    /// <summary>Replaces the row only if its ETag is still <paramref name="etag"/>; otherwise <see cref="ConcurrencyConflictException"/>.</summary>
    Task<OfferRecord> ReplaceAsync(OfferRecord record, string etag, CancellationToken cancellationToken = default);

    /// <summary>Pages through every offer whose current status is Co-sell ready or incentivized.</summary>
    IAsyncEnumerable<OfferRecord> ListReviewedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The offers whose current status is Co-sell ready or incentivized and whose partner is in
    /// <paramref name="partners"/>, in ascending (partner, offer) order, read page by page: their status snapshots and
    /// ETags, not their drafts.
    /// </summary>
    /// <remarks>The default implementation filters <see cref="ListReviewedAsync"/>; the table store runs one partition-range query.</remarks>
    async IAsyncEnumerable<ReviewedOffer> ListReviewedOfPartnersAsync(OrganisationRange partners, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var rows = new List<ReviewedOffer>();
        await foreach (OfferRecord record in ListReviewedAsync(cancellationToken))
        {
            if (partners.Contains(record.PartnerId) && ReviewedOffer.Of(record) is { } reviewed)
            {
                rows.Add(reviewed);
            }
        }

        foreach (ReviewedOffer offer in rows.OrderBy(r => new OfferKey(r.PartnerId, r.OfferId)))
        {
            yield return offer;
        }
    }

    /// <summary>
    /// Writes the status snapshot (<see cref="ReviewedOffer.Current"/>) of offers of one partner, each only if its row
    /// still has the offer's <see cref="ReviewedOffer.ETag"/>; the drafts are left as they are. A stale or missing row
    /// throws <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    /// <remarks>
    /// The table store merges the status columns in entity-group transactions (each all or none; one holds at most 100
    /// rows and 4 MiB, so many or large rows take several). The default implementation reads and replaces them one by
    /// one. Either way a conflict may follow earlier writes: after a conflict, callers re-read and decide again.
    /// </remarks>
    async Task ReplaceStatusesAsync(IReadOnlyList<ReviewedOffer> offers, CancellationToken cancellationToken = default)
    {
        CheckReplaceStatuses(offers);
        foreach (ReviewedOffer offer in offers)
        {
            OfferRecord record = await GetAsync(offer.PartnerId, offer.OfferId, cancellationToken) is { } stored && stored.ETag == offer.ETag
                ? stored
                : throw new ConcurrencyConflictException($"Offer {offer.PartnerId}/{offer.OfferId} was changed or removed by someone else; reload it and decide again.");
            await ReplaceAsync(record with { Current = offer.Current }, offer.ETag, cancellationToken);
        }
    }

    /// <summary>What <see cref="ReplaceStatusesAsync"/> accepts: offers of one partner.</summary>
    static void CheckReplaceStatuses(IReadOnlyList<ReviewedOffer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Any(o => o.PartnerId != offers[0].PartnerId))
        {
            throw new ArgumentException("Every offer whose status is written at once must belong to one partner.", nameof(offers));
        }
    }
}
