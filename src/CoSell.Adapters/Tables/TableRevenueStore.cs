using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Table <c>OrgRevenue</c>: PK month <c>YYYY-MM</c>, RK organisation id. Money is stored as an invariant decimal string
/// (<c>AcrTtmUsd</c>) because Table Storage has no decimal type and a double would round; the per-solution figures
/// are a JSON column. Partition <c>latest</c> holds one index row per organisation naming its newest month, with a copy of
/// that month's figures.
/// </summary>
/// <remarks>
/// <see cref="ImportAsync"/> upserts (replace) on purpose: a month's feed is the whole truth for that month, so a
/// re-import (a retried activity, or a corrected feed) must overwrite the month's rows rather than fail or merge with
/// stale values. Nothing else writes this table, so no one's change can be lost by it.
/// </remarks>
public sealed class TableRevenueStore : IRevenueStore
{
    /// <summary>Partition of the index rows (RK organisation, column Month = its newest month); cannot collide with a YYYY-MM month.</summary>
    public const string LatestPartition = "latest";
    const string MonthColumn = "Month";
    const string AcrColumn = "AcrTtmUsd";

    readonly CoSellTables _tables;

    public TableRevenueStore(CoSellTables tables) => _tables = tables;

    public async Task<OrganisationProfile?> GetAsync(string month, string organisationId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
            CheckMonth(month), TableColumns.Key(organisationId, nameof(organisationId)), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Reads only the row keys of the month's partition, up to 1,000 per request.</summary>
    public async Task<IReadOnlyList<string>> ListOrganisationIdsAsync(string month, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        string filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {CheckMonth(month)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {CheckMonth(month)} and RowKey gt {after}");
        var ids = new List<string>(Math.Min(limit, TableColumns.MaxQueryPageSize));
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, Math.Min(limit, TableColumns.MaxQueryPageSize), ["RowKey"], cancellationToken))
        {
            ids.Add(entity.RowKey);
            if (ids.Count == limit)
            {
                break;
            }
        }

        return ids;
    }

    /// <summary>One range query over the month's partition (row keys in the range); pages of up to 1,000 rows.</summary>
    public async Task<IReadOnlyList<OrganisationProfile>> ListAsync(string month, OrganisationRange organisations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {CheckMonth(month)}");
        if (organisations.After is { } after)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        }

        if (organisations.Through is { } through)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey le {through}");
        }

        var rows = new List<OrganisationProfile>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, TableColumns.MaxQueryPageSize, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(entity));
        }

        return rows;
    }

    /// <summary>
    /// One point read: the organisation's index row (PK <see cref="LatestPartition"/>) names its newest month and holds
    /// a copy of that month's figures (every review's threshold check reads it). An index row from before the copy was
    /// kept is followed to the month's row; should it point at a missing row, falls back to scanning the row key across months.
    /// </summary>
    public async Task<OrganisationProfile?> GetLatestAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        NullableResponse<TableEntity> index = await table.GetEntityIfExistsAsync<TableEntity>(
            LatestPartition, TableColumns.Key(organisationId, nameof(organisationId)), cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value!.GetString(MonthColumn) is not { } month)
        {
            return null;
        }

        if (index.Value.ContainsKey(AcrColumn))
        {
            return FromEntity(index.Value, month);
        }

        return await GetAsync(month, organisationId, cancellationToken) ?? await ScanLatestAsync(table, organisationId, cancellationToken);
    }

    static async Task<OrganisationProfile?> ScanLatestAsync(TableClient table, string organisationId, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"RowKey eq {organisationId} and PartitionKey ne {LatestPartition}");
        TableEntity? latest = null;
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (latest is null || string.CompareOrdinal(entity.PartitionKey, latest.PartitionKey) > 0)
            {
                latest = entity;
            }
        }

        return latest is null ? null : FromEntity(latest);
    }

    public async Task ImportAsync(string month, IReadOnlyList<OrganisationProfile> rows, CancellationToken cancellationToken = default)
    {
        CheckMonth(month);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (OrganisationProfile row in rows)
        {
            if (!seen.Add(TableColumns.Key(row.OrganisationId, nameof(row.OrganisationId))))
            {
                throw new ArgumentException($"Organisation {row.OrganisationId} appears twice in the import of {month}.", nameof(rows));
            }
        }

        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        await UpsertAllAsync(table, rows.Select(row => ToEntity(month, row)), cancellationToken);
        await AdvanceLatestAsync(table, month, rows, cancellationToken);
    }

    /// <summary>
    /// After the month's rows are stored, moves each organisation's index row (with its copy of the figures) forward to
    /// this month, or rewrites it when this month is re-imported; never back: re-importing an older month leaves a newer
    /// one as latest. Written second, so a crash in between leaves the index one month behind until the retried import
    /// completes, never pointing at a missing row.
    /// </summary>
    static async Task AdvanceLatestAsync(TableClient table, string month, IReadOnlyList<OrganisationProfile> rows, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {LatestPartition}");
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(filter, TableColumns.MaxQueryPageSize, ["RowKey", MonthColumn], cancellationToken))
        {
            known[entity.RowKey] = entity.GetString(MonthColumn) ?? "";
        }

        IEnumerable<TableEntity> advanced = rows
            .Where(row => !(known.TryGetValue(row.OrganisationId, out string? current) && string.CompareOrdinal(current, month) > 0))
            .Select(row =>
            {
                TableEntity latest = ToEntity(month, row);
                latest.PartitionKey = LatestPartition;
                latest[MonthColumn] = month;
                return latest;
            });
        await UpsertAllAsync(table, advanced, cancellationToken);
    }

    /// <summary>Replaces the rows in as few transactions as the service allows (rows of one partition each).</summary>
    static async Task UpsertAllAsync(TableClient table, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (List<TableEntity> chunk in TableColumns.TransactionChunks(entities, e => 512 + TableColumns.SizeOf(e)))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }
    }

    static TableEntity ToEntity(string month, OrganisationProfile row)
    {
        var entity = new TableEntity(month, row.OrganisationId)
        {
            [AcrColumn] = row.AcrTtmUsd.ToString(CultureInfo.InvariantCulture),
            ["IsvConnectPremiumActive"] = row.IsvConnectPremiumActive,
            ["GoldCompetencyActive"] = row.GoldCompetencyActive,
            ["SolutionCount"] = row.Solutions.Count,
        };
        TableColumns.SetLongString(entity, "SolutionsJson", TableJson.Serialize(row.Solutions));
        TableColumns.EnsureFits(entity, $"Revenue of {row.OrganisationId} for {month}");
        return entity;
    }

    static OrganisationProfile FromEntity(TableEntity e) => FromEntity(e, e.PartitionKey);

    static OrganisationProfile FromEntity(TableEntity e, string month) => new(
        e.RowKey,
        month,
        decimal.Parse(e.GetString(AcrColumn) ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        TableJson.Deserialize<List<SolutionRevenue>>(TableColumns.GetLongString(e, "SolutionsJson") ?? "[]"),
        e.GetBoolean("IsvConnectPremiumActive") ?? false,
        e.GetBoolean("GoldCompetencyActive") ?? false);

    static string CheckMonth(string month)
    {
        if (month is not { Length: 7 } || !DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"'{month}' is not a month in the form YYYY-MM.", nameof(month));
        }

        return month;
    }
}
