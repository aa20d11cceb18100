using System.Collections.Concurrent;
using System.Globalization;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

/// <summary>IOfferStore in memory with real ETag semantics (a new tag on every write).</summary>
internal sealed class InMemoryOfferStore : IOfferStore
{
    private readonly ConcurrentDictionary<(string, string), OfferRecord> _rows = new();
    private long _etag;
    private int _writes;

    public int Writes => _writes;

    public OfferRecord? Find(string partnerId, string offerId) => _rows.TryGetValue((partnerId, offerId), out OfferRecord? r) ? r : null;

    public OfferRecord Seed(OfferRecord record)
    {
        OfferRecord stored = record with { ETag = NextETag() };
        _rows[(record.PartnerId, record.OfferId)] = stored;
        return stored;
    }

    public Task<OfferRecord?> GetAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
        => Task.FromResult(Find(partnerId, offerId));

    public Task<OfferRecord> CreateAsync(OfferRecord record, CancellationToken cancellationToken = default)
    {
        OfferRecord stored = record with { ETag = NextETag() };
        if (!_rows.TryAdd((record.PartnerId, record.OfferId), stored))
        {
            throw new AlreadyExistsException();
        }

        Interlocked.Increment(ref _writes);
        return Task.FromResult(stored);
    }

    public Task<OfferRecord> ReplaceAsync(OfferRecord record, string etag, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (Find(record.PartnerId, record.OfferId) is not { } current || current.ETag != etag)
            {
                throw new ConcurrencyConflictException();
            }

            OfferRecord stored = record with { ETag = NextETag() };
            _rows[(record.PartnerId, record.OfferId)] = stored;
            Interlocked.Increment(ref _writes);
            return Task.FromResult(stored);
        }
    }

    public async IAsyncEnumerable<OfferRecord> ListReviewedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (OfferRecord record in _rows.Values.Where(r => r.Current is not null))
        {
            yield return record;
        }
    }

    private string NextETag() => "W/\"v" + Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture) + "\"";
}
