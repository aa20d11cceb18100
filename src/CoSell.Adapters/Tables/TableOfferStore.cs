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
public sealed partial class TableOfferStore : IOfferStore
{
    const int DefaultPageSize = 500;
    static readonly string ReviewedFilter =
        $"Status eq '{nameof(CoSellStatus.CoSellReady)}' or Status eq '{nameof(CoSellStatus.CoSellIncentivized)}'";

    const string CurrentJson = "CurrentJson";

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
            SetStatusColumns(entity, current);
        }

        TableColumns.EnsureFits(entity, $"Offer {record.PartnerId}/{record.OfferId}");
        return entity;
    }

    /// <summary>The columns that hold the current status: the queryable scalars and the snapshot as JSON.</summary>
    static void SetStatusColumns(TableEntity entity, OfferStatusSnapshot current)
    {
        entity["Status"] = current.Status.ToString();
        entity["StatusChangedAt"] = current.ChangedAt;
        entity["StatusDraftVersion"] = current.DraftVersion;
        entity["InstanceId"] = current.InstanceId;
        TableColumns.SetLongString(entity, CurrentJson, TableJson.Serialize(current));
    }

    internal static OfferRecord FromEntity(TableEntity entity)
    {
        string currentJson = TableColumns.GetLongString(entity, CurrentJson) ?? "";
        return new OfferRecord(
            TableJson.Deserialize<Offer>(TableColumns.GetLongString(entity, "OfferJson") ?? "null"),
            TableJson.Deserialize<CoSellMaterials>(TableColumns.GetLongString(entity, "MaterialsJson") ?? "null"),
            entity.GetInt32("DraftVersion") ?? 0,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            currentJson.Length == 0 ? null : TableJson.Deserialize<OfferStatusSnapshot>(currentJson),
            entity.ETag.ToString());
    }
}
