using System.Collections.Concurrent;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

internal sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly ConcurrentDictionary<(string, string, string), HistoryEntry> _entries = new();

    public int Count => _entries.Count;

    public Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        _entries.TryAdd((entry.PartnerId, entry.OfferId, entry.EntryId), entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryEntry>> ListAsync(string partnerId, string offerId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<HistoryEntry>>(_entries.Values
            .Where(e => e.PartnerId == partnerId && e.OfferId == offerId)
            .OrderBy(e => e.At)
            .ToList());
}
