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
    /// The whole rows (with their ETags) of the offers whose current status is Co-sell ready or incentivized and whose
    /// partner is in <paramref name="partners"/>, in ascending (partner, offer) order, read page by page.
    /// </summary>
    /// <remarks>The default implementation filters <see cref="ListReviewedAsync"/>; the table store runs one partition-range query.</remarks>
    async IAsyncEnumerable<OfferRecord> ListReviewedOfPartnersAsync(OrganisationRange partners, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var rows = new List<OfferRecord>();
        await foreach (OfferRecord record in ListReviewedAsync(cancellationToken))
        {
            if (partners.Contains(record.PartnerId))
            {
                rows.Add(record);
            }
        }

        foreach (OfferRecord record in rows.OrderBy(r => new OfferKey(r.PartnerId, r.OfferId)))
        {
            yield return record;
        }
    }

    /// <summary>
    /// Replaces rows of one partner, each only if its ETag is still the record's <see cref="OfferRecord.ETag"/>; a
    /// stale or missing row throws <see cref="ConcurrencyConflictException"/>. Returns the records with their new
    /// ETags, in the given order.
    /// </summary>
    /// <remarks>
    /// The table store writes them in entity-group transactions (each all or none; one holds at most 100 rows and
    /// 4 MiB, so many or large rows take several). The default implementation replaces them one by one. Either way a
    /// conflict may follow earlier writes: after a conflict, callers re-read the rows and decide again.
    /// </remarks>
    async Task<IReadOnlyList<OfferRecord>> ReplaceAllAsync(IReadOnlyList<OfferRecord> records, CancellationToken cancellationToken = default)
    {
        CheckReplaceAll(records);
        var stored = new List<OfferRecord>(records.Count);
        foreach (OfferRecord record in records)
        {
            stored.Add(await ReplaceAsync(record, record.ETag!, cancellationToken));
        }

        return stored;
    }

    /// <summary>What <see cref="ReplaceAllAsync"/> accepts: records of one partner, each with the ETag it was read with.</summary>
    static void CheckReplaceAll(IReadOnlyList<OfferRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.PartnerId != records[0].PartnerId || string.IsNullOrEmpty(r.ETag)))
        {
            throw new ArgumentException("Every offer replaced at once must belong to one partner and carry the ETag it was read with.", nameof(records));
        }
    }
}
