using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Table <c>CoSellOffers</c>: PK partner id, RK offer id. Scalar columns stay queryable (Name, SolutionType, Kind,
/// DraftVersion, UpdatedAt, Status, StatusChangedAt, InstanceId); the nested records are JSON columns
/// (<c>OfferJson</c>, <c>MaterialsJson</c>, <c>CurrentJson</c>), split over several columns when long.
/// Writes are insert-only or ETag-conditional replace; nothing is upserted.
/// </summary>
public sealed class TableOfferStore : IOfferStore
{
    const int DefaultPageSize = 500;
    const int MaxPageSize = 1000;
    const int MaxTransactionRows = 100;
    const long MaxTransactionBytes = 3_500_000;
    static readonly string ReviewedFilter =
        $"Status eq '{nameof(CoSellStatus.CoSellReady)}' or Status eq '{nameof(CoSellStatus.CoSellIncentivized)}'";

    readonly CoSellTables _tables;
    readonly int _pageSize;

    public TableOfferStore(CoSellTables tables)
        : this(tables, DefaultPageSize)
    {
    }

    internal TableOfferStore(CoSellTables tables, int pageSize)
    {
        _tables = tables;
        _pageSize = pageSize;
    }

    public async Task<OfferRecord?> GetAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableColumns.Key(partnerId, nameof(partnerId)), TableColumns.Key(offerId, nameof(offerId)), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<OfferRecord> CreateAsync(OfferRecord record, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        TableEntity entity = ToEntity(record);
        try
        {
            Response response = await table.AddEntityAsync(entity, cancellationToken);
            return record with { ETag = TableColumns.ETagOf(response) };
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex))
        {
            throw new AlreadyExistsException($"Offer {record.PartnerId}/{record.OfferId} already exists.", ex);
        }
    }

    public async Task<OfferRecord> ReplaceAsync(OfferRecord record, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        TableEntity entity = ToEntity(record);
        try
        {
            Response response = await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = TableColumns.ETagOf(response) };
        }
        catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex) || TableColumns.IsNotFound(ex))
        {
            throw new ConcurrencyConflictException(
                $"Offer {record.PartnerId}/{record.OfferId} was changed or removed by someone else; reload it and decide again.", ex);
        }
    }

    public async IAsyncEnumerable<OfferRecord> ListReviewedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(ReviewedFilter, _pageSize, cancellationToken: cancellationToken).AsPages())
        {
            foreach (TableEntity entity in page.Values)
            {
                yield return FromEntity(entity);
            }
        }
    }

    /// <summary>
    /// One query over the partners' partitions (a partition-key range the service can seek to), pages of up to 1,000
    /// rows; the rows carry the ETags the query returned.
    /// </summary>
    public async IAsyncEnumerable<OfferRecord> ListReviewedOfPartnersAsync(
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

        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, MaxPageSize, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>
    /// Entity-group transactions of up to 100 rows and about 3.5 MB, each UpdateReplace with the row's ETag: a stale row
    /// fails its whole transaction with 412, which is reported as <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    public async Task<IReadOnlyList<OfferRecord>> ReplaceAllAsync(IReadOnlyList<OfferRecord> records, CancellationToken cancellationToken = default)
    {
        IOfferStore.CheckReplaceAll(records);
        if (records.Count == 0)
        {
            return [];
        }

        TableClient table = await _tables.GetAsync(CoSellTables.Offers, cancellationToken);
        var stored = new List<OfferRecord>(records.Count);
        var chunk = new List<(OfferRecord Record, TableTransactionAction Action)>(MaxTransactionRows);
        long chunkBytes = 0;
        foreach (OfferRecord record in records)
        {
            TableEntity entity = ToEntity(record);
            long bytes = TableColumns.SizeOf(entity);
            if (chunk.Count == MaxTransactionRows || (chunk.Count > 0 && chunkBytes + bytes > MaxTransactionBytes))
            {
                stored.AddRange(await SubmitAsync(table, chunk, cancellationToken));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Add((record, new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(record.ETag!))));
            chunkBytes += bytes;
        }

        stored.AddRange(await SubmitAsync(table, chunk, cancellationToken));
        return stored;
    }

    static async Task<IEnumerable<OfferRecord>> SubmitAsync(
        TableClient table, List<(OfferRecord Record, TableTransactionAction Action)> chunk, CancellationToken cancellationToken)
    {
        try
        {
            Response<IReadOnlyList<Response>> responses = await table.SubmitTransactionAsync(chunk.Select(c => c.Action), cancellationToken);
            return chunk.Select((c, i) => c.Record with { ETag = TableColumns.ETagOf(responses.Value[i]) });
        }
        catch (TableTransactionFailedException ex) when (TableColumns.IsPreconditionFailed(ex) || TableColumns.IsNotFound(ex))
        {
            OfferRecord failed = chunk[Math.Clamp(ex.FailedTransactionActionIndex ?? 0, 0, chunk.Count - 1)].Record;
            throw new ConcurrencyConflictException(
                $"Offer {failed.PartnerId}/{failed.OfferId} was changed or removed by someone else; reload it and decide again.", ex);
        }
    }

    internal static TableEntity ToEntity(OfferRecord record)
    {
        var entity = new TableEntity(TableColumns.Key(record.PartnerId, "PartnerId"), TableColumns.Key(record.OfferId, "OfferId"))
        {
            ["Name"] = record.Offer.Name,
            ["SolutionType"] = record.Offer.SolutionType.ToString(),
            ["Kind"] = record.Offer.Kind.ToString(),
            ["DraftVersion"] = record.DraftVersion,
            ["UpdatedAt"] = record.UpdatedAt,
        };
        TableColumns.SetLongString(entity, "OfferJson", TableJson.Serialize(record.Offer));
        TableColumns.SetLongString(entity, "MaterialsJson", TableJson.Serialize(record.Materials));
        if (record.Current is { } current)
        {
            entity["Status"] = current.Status.ToString();
            entity["StatusChangedAt"] = current.ChangedAt;
            entity["StatusDraftVersion"] = current.DraftVersion;
            entity["InstanceId"] = current.InstanceId;
            TableColumns.SetLongString(entity, "CurrentJson", TableJson.Serialize(current));
        }

        TableColumns.EnsureFits(entity, $"Offer {record.PartnerId}/{record.OfferId}");
        return entity;
    }

    internal static OfferRecord FromEntity(TableEntity entity)
    {
        string currentJson = TableColumns.GetLongString(entity, "CurrentJson") ?? "";
        return new OfferRecord(
            TableJson.Deserialize<Offer>(TableColumns.GetLongString(entity, "OfferJson") ?? "null"),
            TableJson.Deserialize<CoSellMaterials>(TableColumns.GetLongString(entity, "MaterialsJson") ?? "null"),
            entity.GetInt32("DraftVersion") ?? 0,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            currentJson.Length == 0 ? null : TableJson.Deserialize<OfferStatusSnapshot>(currentJson),
            entity.ETag.ToString());
    }
}
