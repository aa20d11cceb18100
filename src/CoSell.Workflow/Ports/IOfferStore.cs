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
    /// The keys of the offers whose current status is Co-sell ready or incentivized and whose key is greater than
    /// <paramref name="after"/> (all when null), in ascending (partner, offer) order, at most <paramref name="limit"/>;
    /// fewer than <paramref name="limit"/> means there are no more. The listing is key-based, so offers whose status
    /// changes between calls neither shift nor repeat it.
    /// </summary>
    /// <remarks>The default implementation filters <see cref="ListReviewedAsync"/>; the table store reads only the keys.</remarks>
    async Task<IReadOnlyList<OfferKey>> ListReviewedKeysAsync(OfferKey? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var keys = new List<OfferKey>();
        await foreach (OfferRecord record in ListReviewedAsync(cancellationToken))
        {
            var key = new OfferKey(record.PartnerId, record.OfferId);
            if (after is null || key > after)
            {
                keys.Add(key);
            }
        }

        keys.Sort();
        return keys.Count <= limit ? keys : keys[..limit];
    }

    /// <summary>
    /// The whole rows (with their ETags) of the offers in <paramref name="range"/> whose current status is Co-sell ready
    /// or incentivized, in ascending (partner, offer) order.
    /// </summary>
    /// <remarks>The default implementation filters <see cref="ListReviewedAsync"/>; the table store runs one range query.</remarks>
    async Task<IReadOnlyList<OfferRecord>> ListReviewedInRangeAsync(OfferKeyRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        var rows = new List<(OfferKey Key, OfferRecord Record)>();
        await foreach (OfferRecord record in ListReviewedAsync(cancellationToken))
        {
            var key = new OfferKey(record.PartnerId, record.OfferId);
            if (range.Contains(key))
            {
                rows.Add((key, record));
            }
        }

        return [.. rows.OrderBy(r => r.Key).Select(r => r.Record)];
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
