using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Table <c>OrgRevenue</c>: PK month <c>YYYY-MM</c>, RK organisation id. Money is stored as an invariant decimal string
/// (<c>AcrTtmUsd</c>) because Table Storage has no decimal type and a double would round; the per-solution figures
/// are a JSON column.
/// </summary>
/// <remarks>
/// <see cref="ImportAsync"/> upserts (replace) on purpose: a month's feed is the whole truth for that month, so a
/// re-import (a retried activity, or a corrected feed) must overwrite the month's rows rather than fail or merge with
/// stale values. Nothing else writes this table, so no one's change can be lost by it.
/// </remarks>
public sealed class TableRevenueStore : IRevenueStore
{
    /// <summary>A table transaction holds at most 100 operations and 4 MiB.</summary>
    public const int MaxBatchSize = 100;
    const long MaxBatchBytes = 3_500_000;

    readonly CoSellTables _tables;

    public TableRevenueStore(CoSellTables tables) => _tables = tables;

    public async Task<OrganisationProfile?> GetAsync(string month, string organisationId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
            CheckMonth(month), TableColumns.Key(organisationId, nameof(organisationId)), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Finds the newest month by querying RowKey across partitions (a scan of the row-key column; fine for a few
    /// years of months). At much larger scale an index row (PK org, RK "latest") written by the import would make it a point read.
    /// </summary>
    public async Task<OrganisationProfile?> GetLatestAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.OrgRevenue, cancellationToken);
        string filter = TableClient.CreateQueryFilter($"RowKey eq {TableColumns.Key(organisationId, nameof(organisationId))}");
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
        var batch = new List<TableTransactionAction>(MaxBatchSize);
        long batchBytes = 0;
        foreach (OrganisationProfile row in rows)
        {
            TableEntity entity = ToEntity(month, row);
            long bytes = EstimateBytes(entity);
            if (batch.Count == MaxBatchSize || (batch.Count > 0 && batchBytes + bytes > MaxBatchBytes))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
                batchBytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            batchBytes += bytes;
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    static TableEntity ToEntity(string month, OrganisationProfile row)
    {
        var entity = new TableEntity(month, row.OrganisationId)
        {
            ["AcrTtmUsd"] = row.AcrTtmUsd.ToString(CultureInfo.InvariantCulture),
            ["IsvConnectPremiumActive"] = row.IsvConnectPremiumActive,
            ["GoldCompetencyActive"] = row.GoldCompetencyActive,
            ["SolutionCount"] = row.Solutions.Count,
        };
        TableColumns.SetLongString(entity, "SolutionsJson", TableJson.Serialize(row.Solutions));
        TableColumns.EnsureFits(entity, $"Revenue of {row.OrganisationId} for {month}");
        return entity;
    }

    static OrganisationProfile FromEntity(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        decimal.Parse(e.GetString("AcrTtmUsd") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        TableJson.Deserialize<List<SolutionRevenue>>(TableColumns.GetLongString(e, "SolutionsJson") ?? "[]"),
        e.GetBoolean("IsvConnectPremiumActive") ?? false,
        e.GetBoolean("GoldCompetencyActive") ?? false);

    static long EstimateBytes(TableEntity entity) =>
        512 + entity.Sum(p => (p.Key.Length * 2L) + (p.Value is string s ? s.Length * 2L : 16));

    static string CheckMonth(string month)
    {
        if (month is not { Length: 7 } || !DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"'{month}' is not a month in the form YYYY-MM.", nameof(month));
        }

        return month;
    }
}
