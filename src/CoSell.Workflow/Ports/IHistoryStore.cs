using CoSell.Domain;

namespace CoSell.Workflow.Ports;

/// <summary>Kinds of history entries.</summary>
public enum HistoryKind
{
    DraftSaved,
    Submitted,
    Validated,
    ReviewRequested,
    ReviewReminded,
    Reviewed,
    ReviewExpired,
    StatusChanged,
    Notified,
    Reevaluated,

    /// <summary>An operator terminated the review (admin route TerminateInstance); actor and reason are in the entry.</summary>
    ReviewTerminated,
}

/// <summary>
/// One append-only row of Table <c>CoSellHistory</c> (PK = partner + offer, RK = time-ordered <see cref="EntryId"/>).
/// <see cref="EntryId"/> is deterministic (e.g. <c>{instanceId}-{step:D3}</c>) so a retried write is a no-op.
/// </summary>
public sealed record HistoryEntry(
    string PartnerId,
    string OfferId,
    string EntryId,
    DateTimeOffset At,
    HistoryKind Kind,
    string Actor,
    string Summary,
    CoSellStatus? FromStatus = null,
    CoSellStatus? ToStatus = null,
    string? InstanceId = null,
    IReadOnlyList<string>? Evidence = null);

/// <summary>Table <c>CoSellHistory</c>: append-only audit.</summary>
public interface IHistoryStore
{
    /// <summary>Adds the entry; an entry with the same id already stored is success (idempotent).</summary>
    Task AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds several entries of one offer as one step: a store that can writes them in one round trip (the table
    /// adapter uses one transaction). Each entry stays idempotent by its id. The default appends them one by one.
    /// </summary>
    async Task AppendAllAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (HistoryEntry entry in entries)
        {
            await AppendAsync(entry, cancellationToken);
        }
    }

    /// <summary>The offer's whole history, oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> ListAsync(string partnerId, string offerId, CancellationToken cancellationToken = default);
}
