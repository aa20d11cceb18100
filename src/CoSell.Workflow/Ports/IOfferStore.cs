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
}
