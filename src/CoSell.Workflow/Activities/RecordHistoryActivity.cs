using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>Appends one history entry; its deterministic id makes a repeated call a no-op.</summary>
public sealed class RecordHistoryActivity(IHistoryStore history)
{
    /// <returns>The entry id.</returns>
    public async Task<string> RunAsync(HistoryEntry input, CancellationToken cancellationToken)
    {
        await history.AppendAsync(input, cancellationToken);
        return input.EntryId;
    }
}
