using System.Runtime.CompilerServices;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>IOfferStore in memory with real ETag semantics: every write gets a new ETag; a stale ETag is a conflict.</summary>
public sealed class InMemoryOfferStore : IOfferStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, string), OfferRecord> rows = [];
    private int etagCounter;

    /// <summary>Runs just before a replace is checked: lets a test simulate a concurrent writer (called outside the lock).</summary>
    public Func<OfferRecord, Task>? BeforeReplace { get; set; }

    public int Creates { get; private set; }

    public int Replaces { get; private set; }

    public int Conflicts { get; private set; }

    public Task<OfferRecord?> GetAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(rows.GetValueOrDefault((partnerId, offerId)));
        }
    }

    public Task<OfferRecord> CreateAsync(OfferRecord record, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (rows.ContainsKey((record.PartnerId, record.OfferId)))
            {
                throw new AlreadyExistsException($"Offer {record.PartnerId}/{record.OfferId} exists.");
            }

            OfferRecord stored = record with { ETag = NextETag() };
            rows[(record.PartnerId, record.OfferId)] = stored;
            Creates++;
            return Task.FromResult(stored);
        }
    }

    public async Task<OfferRecord> ReplaceAsync(OfferRecord record, string etag, CancellationToken cancellationToken = default)
    {
        if (BeforeReplace is { } hook)
        {
            await hook(record);
        }

        lock (gate)
        {
            if (!rows.TryGetValue((record.PartnerId, record.OfferId), out OfferRecord? current) || current.ETag != etag)
            {
                Conflicts++;
                throw new ConcurrencyConflictException($"Offer {record.PartnerId}/{record.OfferId} changed (ETag {etag}).");
            }

            OfferRecord stored = record with { ETag = NextETag() };
            rows[(record.PartnerId, record.OfferId)] = stored;
            Replaces++;
            return stored;
        }
    }

    /// <summary>All or none, like the table store's transaction: every ETag is checked before any status is written; drafts are kept.</summary>
    public async Task ReplaceStatusesAsync(IReadOnlyList<ReviewedOffer> offers, CancellationToken cancellationToken = default)
    {
        IOfferStore.CheckReplaceStatuses(offers);
        if (BeforeReplace is { } hook)
        {
            foreach (ReviewedOffer offer in offers)
            {
                if (await GetAsync(offer.PartnerId, offer.OfferId, cancellationToken) is { } stored)
                {
                    await hook(stored with { Current = offer.Current });
                }
            }
        }

        lock (gate)
        {
            if (offers.FirstOrDefault(o => !rows.TryGetValue((o.PartnerId, o.OfferId), out OfferRecord? current) || current.ETag != o.ETag) is { } stale)
            {
                Conflicts++;
                throw new ConcurrencyConflictException($"Offer {stale.PartnerId}/{stale.OfferId} changed (ETag {stale.ETag}); nothing written.");
            }

            foreach (ReviewedOffer offer in offers)
            {
                rows[(offer.PartnerId, offer.OfferId)] = rows[(offer.PartnerId, offer.OfferId)] with { Current = offer.Current, ETag = NextETag() };
            }

            Replaces += offers.Count;
            Transactions++;
        }
    }

    /// <summary>Calls of <see cref="ReplaceStatusesAsync"/> that wrote.</summary>
    public int Transactions { get; private set; }

    public async IAsyncEnumerable<OfferRecord> ListReviewedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<OfferRecord> snapshot;
        lock (gate)
        {
            snapshot = [.. rows.Values.Where(r => r.Current?.Status is CoSellStatus.CoSellReady or CoSellStatus.CoSellIncentivized)];
        }

        foreach (OfferRecord record in snapshot)
        {
            await Task.Yield();
            yield return record;
        }
    }

    /// <summary>Writes a row directly (test arrange), bypassing the ETag check.</summary>
    public OfferRecord Seed(OfferRecord record)
    {
        lock (gate)
        {
            OfferRecord stored = record with { ETag = NextETag() };
            rows[(record.PartnerId, record.OfferId)] = stored;
            return stored;
        }
    }

    private string NextETag() => $"W/\"{++etagCounter}\"";
}
