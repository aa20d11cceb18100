using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>
/// Records the review's result on the offer row and appends its audit entries (version 1 of the review; version 2
/// records the outcome and sends its e-mails in <see cref="RecordOutcomeActivity"/>). Safe to repeat: see <see cref="StatusRecorder"/>.
/// </summary>
public sealed class RecordStatusActivity(StatusRecorder recorder, IHistoryStore history)
{
    public async Task<StatusRecordResult> RunAsync(StatusRecordRequest input, CancellationToken cancellationToken)
    {
        StatusRecordResult result = await recorder.WriteAsync(input, cancellationToken);
        await history.AppendAllAsync(StatusRecorder.HistoryEntries(input, result), cancellationToken);
        return result;
    }
}
