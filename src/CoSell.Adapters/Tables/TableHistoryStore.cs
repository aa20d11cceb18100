using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Table <c>CoSellHistory</c>, append-only. PK = <c>{partnerId}~{offerId}</c>: ids are [a-z0-9-], and '~' is legal in
/// keys, cannot occur in an id, and sorts after every id character, so one partner's offers stay contiguous.
/// RK = <c>{At:yyyyMMddTHHmmssfffffff}-{EntryId}</c> (UTC): key order is time order. Beside each entry, in the same
/// transaction, a claim row RK = <c>entry-{EntryId}</c> makes the entry id unique: an orchestration episode that is
/// re-run after a crash (its checkpoint lost) calls the activity again with a new <c>At</c>, and that append must
/// still hit 409 (success) instead of writing the entry twice. Claim rows are never listed.
/// </summary>
public sealed class TableHistoryStore : IHistoryStore
{
    public const char Separator = '~';

    /// <summary>Row-key prefix of the claim rows; time-ordered keys start with a digit, so the two never mix.</summary>
    public const string ClaimPrefix = "entry-";

    /// <summary>Two rows per entry; a table transaction holds at most 100 actions.</summary>
    const int MaxEntriesPerTransaction = 50;

    readonly CoSellTables _tables;

    public TableHistoryStore(CoSellTables tables) => _tables = tables;

    public static string PartitionKeyOf(string partnerId, string offerId) =>
        TableColumns.Key(partnerId, nameof(partnerId)) + Separator + TableColumns.Key(offerId, nameof(offerId));

    public static string RowKeyOf(HistoryEntry entry) =>
        TableColumns.Key(entry.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture) + "-" + entry.EntryId, nameof(entry.EntryId));

    public async Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.History, cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(AddActions(entry), cancellationToken);
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex))
        {
            // Already written by an earlier attempt (same entry id, whatever its time): appends are idempotent by entry id.
        }
    }

    /// <summary>
    /// Entries of one offer go in one transaction (claim + entry per entry id). If any of them was written before
    /// (409), the transaction changed nothing and each entry is appended on its own, so the missing ones still land.
    /// </summary>
    public async Task AppendAllAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count <= 1 || entries.Count > MaxEntriesPerTransaction
            || entries.Any(e => e.PartnerId != entries[0].PartnerId || e.OfferId != entries[0].OfferId))
        {
            foreach (HistoryEntry entry in entries)
            {
                await AppendAsync(entry, cancellationToken);
            }

            return;
        }

        TableClient table = await _tables.GetAsync(CoSellTables.History, cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(entries.SelectMany(AddActions).ToList(), cancellationToken);
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex) || ex.Status == 413)
        {
            foreach (HistoryEntry entry in entries)
            {
                await AppendAsync(entry, cancellationToken);
            }
        }
    }

    /// <summary>The claim row and the entry row of one entry, both inserts (a transaction holds at most 100 actions).</summary>
    static TableTransactionAction[] AddActions(HistoryEntry entry)
    {
        var entity = new TableEntity(PartitionKeyOf(entry.PartnerId, entry.OfferId), RowKeyOf(entry))
        {
            ["PartnerId"] = entry.PartnerId,
            ["OfferId"] = entry.OfferId,
            ["EntryId"] = entry.EntryId,
            ["At"] = entry.At,
            ["Kind"] = entry.Kind.ToString(),
            ["Actor"] = entry.Actor,
        };
        TableColumns.SetIfNotNull(entity, "FromStatus", entry.FromStatus?.ToString());
        TableColumns.SetIfNotNull(entity, "ToStatus", entry.ToStatus?.ToString());
        TableColumns.SetIfNotNull(entity, "InstanceId", entry.InstanceId);
        TableColumns.SetLongString(entity, "Summary", entry.Summary);
        if (entry.Evidence is not null)
        {
            TableColumns.SetLongString(entity, "EvidenceJson", TableJson.Serialize(entry.Evidence));
        }

        TableColumns.EnsureFits(entity, $"History entry {entry.EntryId}");
        var claim = new TableEntity(entity.PartitionKey, TableColumns.Key(ClaimPrefix + entry.EntryId, nameof(entry.EntryId)))
        {
            ["RowKeyOfEntry"] = entity.RowKey,
        };
        return [new TableTransactionAction(TableTransactionActionType.Add, claim), new TableTransactionAction(TableTransactionActionType.Add, entity)];
    }

    public async Task<IReadOnlyList<HistoryEntry>> ListAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.History, cancellationToken);
        string partition = PartitionKeyOf(partnerId, offerId);
        var entries = new List<HistoryEntry>();
        await foreach (TableEntity entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (!entity.RowKey.StartsWith(ClaimPrefix, StringComparison.Ordinal))
            {
                entries.Add(FromEntity(entity));
            }
        }

        return entries;
    }

    static HistoryEntry FromEntity(TableEntity entity)
    {
        string? evidence = TableColumns.GetLongString(entity, "EvidenceJson");
        return new HistoryEntry(
            entity.GetString("PartnerId"),
            entity.GetString("OfferId"),
            entity.GetString("EntryId"),
            entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
            Enum.Parse<HistoryKind>(entity.GetString("Kind")),
            entity.GetString("Actor") ?? "",
            TableColumns.GetLongString(entity, "Summary") ?? "",
            ParseStatus(entity.GetString("FromStatus")),
            ParseStatus(entity.GetString("ToStatus")),
            entity.GetString("InstanceId"),
            evidence is null ? null : TableJson.Deserialize<List<string>>(evidence));
    }

    static CoSellStatus? ParseStatus(string? value) => value is null ? null : Enum.Parse<CoSellStatus>(value);
}
