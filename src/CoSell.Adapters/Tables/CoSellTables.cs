using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Hands out <see cref="TableClient"/>s by logical name (with the configured prefix) and creates each table once,
/// lazily and thread-safely. A failed creation is not cached: the next caller tries again.
/// </summary>
public sealed class CoSellTables
{
    public const string Offers = "CoSellOffers";
    public const string History = "CoSellHistory";
    public const string ReviewTokens = "ReviewTokens";
    public const string Notifications = "Notifications";
    public const string OrgRevenue = "OrgRevenue";

    readonly TableServiceClient _service;
    readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public CoSellTables(TableServiceClient service, string tablePrefix = "")
    {
        _service = service;
        Prefix = tablePrefix;
    }

    public string Prefix { get; }

    /// <summary>The physical name of a logical table, e.g. <c>T123CoSellOffers</c> for prefix <c>T123</c>.</summary>
    public string NameOf(string table) => Prefix + table;

    /// <summary>The client of a table that exists (created on first use).</summary>
    public async Task<TableClient> GetAsync(string table, CancellationToken cancellationToken = default)
    {
        Lazy<Task<TableClient>> entry = _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, entry));
            throw;
        }
    }

    async Task<TableClient> CreateAsync(string table)
    {
        TableClient client = _service.GetTableClient(NameOf(table));
        await client.CreateIfNotExistsAsync(CancellationToken.None);
        return client;
    }
}
