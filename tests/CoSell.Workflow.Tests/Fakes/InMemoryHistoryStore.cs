using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>Append-only history; an entry id already stored is success, as in the table adapter.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock gate = new();
    private readonly List<HistoryEntry> entries = [];

    public int AppendCalls { get; private set; }

    /// <summary>How many times several entries were written as one step (the table adapter's one transaction).</summary>
    public int AppendAllCalls { get; private set; }

    public IReadOnlyList<HistoryEntry> All
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            AppendCalls++;
            if (!entries.Any(e => e.PartnerId == entry.PartnerId && e.OfferId == entry.OfferId && e.EntryId == entry.EntryId))
            {
                entries.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    public async Task AppendAllAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            AppendAllCalls++;
        }

        foreach (HistoryEntry entry in entries)
        {
            await AppendAsync(entry, cancellationToken);
        }
    }

    public Task<IReadOnlyList<HistoryEntry>> ListAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<HistoryEntry> list = [.. entries.Where(e => e.PartnerId == partnerId && e.OfferId == offerId).OrderBy(e => e.EntryId, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }
}
