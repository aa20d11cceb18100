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
    /// One page (at most <paramref name="pageSize"/> keys, possibly fewer or none while more follow) of the keys of the
    /// offers whose current status is Co-sell ready or incentivized, in ascending (partner, offer) order. Pass the
    /// returned <see cref="OfferKeyPage.ContinuationToken"/> to get the next page; the token is key-based, so offers
    /// whose status changes between pages neither shift nor repeat the listing.
    /// </summary>
    /// <remarks>The default implementation filters <see cref="ListReviewedAsync"/>; the table store asks the service for one page.</remarks>
    async Task<OfferKeyPage> ListReviewedKeysAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        OfferKey? after = null;
        if (!string.IsNullOrEmpty(continuationToken))
        {
            string[] parts = continuationToken.Split('/');
            if (parts.Length != 2)
            {
                throw new ArgumentException($"'{continuationToken}' is not a continuation token of this store.", nameof(continuationToken));
            }

            after = new OfferKey(parts[0], parts[1]);
        }

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
        if (keys.Count <= pageSize)
        {
            return new OfferKeyPage(keys, null);
        }

        OfferKey last = keys[pageSize - 1];
        return new OfferKeyPage(keys[..pageSize], $"{last.PartnerId}/{last.OfferId}");
    }
}
