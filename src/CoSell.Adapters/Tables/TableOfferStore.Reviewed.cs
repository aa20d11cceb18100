using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// The monthly re-evaluation's reads and writes of <c>CoSellOffers</c>: the status snapshots of a range of partners,
/// and ETag-conditional merges of the status columns (the draft columns are neither read nor written).
/// </summary>
public sealed partial class TableOfferStore
{
    /// <summary>
    /// One query over the partners' partitions (a partition-key range the service can seek to), pages of up to 1,000
    /// rows, reading only the keys, the name and the snapshot (a snapshot split over several columns is read whole with
    /// a point read). The rows carry the ETags the query returned.
    /// </summary>
    public async IAsyncEnumerable<ReviewedOffer> ListReviewedOfPartnersAsync(
        OrganisationRange partners, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partners);
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        string filter = ReviewedFilter;
        if (partners.After is { } after)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey gt {after}") + $" and ({filter})";
        }

        if (partners.Through is { } through)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey le {through}") + $" and ({filter})";
        }

        string[] columns = ["PartitionKey", "RowKey", "Name", CurrentJson, CurrentJson + "_Parts"];
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, TableColumns.MaxQueryPageSize, columns, cancellationToken))
        {
            ReviewedOffer? offer = (entity.GetInt32(CurrentJson + "_Parts") ?? 1) > 1
                ? ReviewedOffer.Of(await GetAsync(entity.PartitionKey, entity.RowKey, cancellationToken) ?? throw new InvalidDataException($"Offer {entity.PartitionKey}/{entity.RowKey} vanished while it was read."))
                : entity.GetString(CurrentJson) is { Length: > 0 } json
                    ? new ReviewedOffer(entity.PartitionKey, entity.RowKey, entity.GetString("Name") ?? entity.RowKey, TableJson.Deserialize<OfferStatusSnapshot>(json), entity.ETag.ToString())
                    : null;
            if (offer is not null)
            {
                yield return offer;
            }
        }
    }

    /// <summary>
    /// Entity-group transactions of up to 100 rows and about 3.5 MB, each an UpdateMerge of the status columns with
    /// the row's ETag (a single offer is one conditional merge): a stale row fails its whole transaction with 412,
    /// reported as <see cref="ConcurrencyConflictException"/>. <c>CurrentJson_Parts</c> is always written, so parts
    /// left from a longer earlier snapshot are ignored.
    /// </summary>
    public async Task ReplaceStatusesAsync(IReadOnlyList<ReviewedOffer> offers, CancellationToken cancellationToken = default)
    {
        IOfferStore.CheckReplaceStatuses(offers);
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        if (offers.Count == 1)
        {
            await MergeOneAsync(table, offers[0], cancellationToken);
            return;
        }

        IEnumerable<(ReviewedOffer Offer, TableEntity Entity)> merges = offers.Select(offer => (offer, StatusEntity(offer)));
        foreach (List<(ReviewedOffer Offer, TableEntity Entity)> chunk in TableColumns.TransactionChunks(merges, m => TableColumns.SizeOf(m.Entity)))
        {
            await SubmitAsync(table, chunk, cancellationToken);
        }
    }

    static TableEntity StatusEntity(ReviewedOffer offer)
    {
        var entity = new TableEntity(TableColumns.Key(offer.PartnerId, "PartnerId"), TableColumns.Key(offer.OfferId, "OfferId"));
        SetStatusColumns(entity, offer.Current);
        entity.TryAdd(CurrentJson + "_Parts", 1);
        TableColumns.EnsureFits(entity, $"Offer {offer.PartnerId}/{offer.OfferId}");
        return entity;
    }

    static async Task MergeOneAsync(TableClient table, ReviewedOffer offer, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(StatusEntity(offer), new ETag(offer.ETag), TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex) || TableColumns.IsNotFound(ex))
        {
            throw Conflict(offer, ex);
        }
    }

    static async Task SubmitAsync(TableClient table, List<(ReviewedOffer Offer, TableEntity Entity)> chunk, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateMerge, c.Entity, new ETag(c.Offer.ETag))), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (TableColumns.IsPreconditionFailed(ex) || TableColumns.IsNotFound(ex))
        {
            throw Conflict(chunk[Math.Clamp(ex.FailedTransactionActionIndex ?? 0, 0, chunk.Count - 1)].Offer, ex);
        }
    }

    static ConcurrencyConflictException Conflict(ReviewedOffer offer, Exception inner)
        => new($"Offer {offer.PartnerId}/{offer.OfferId} was changed or removed by someone else; reload it and decide again.", inner);
}
