using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>
/// The last step of a review (version 2): record the status on the offer row with its audit entries (one history
/// write), e-mail the partner and the reviewers (through the outbox, at once), then record that they were told
/// (a second history write, only after the sends succeeded). Every part is idempotent, so a retry after a failed
/// send re-records nothing and sends only what was not sent.
/// </summary>
public sealed class RecordOutcomeActivity(StatusRecorder recorder, IHistoryStore history, INotifier notifier)
{
    public async Task<OutcomeRecordResult> RunAsync(OutcomeRecordRequest input, CancellationToken cancellationToken)
    {
        StatusRecordResult result = await recorder.WriteAsync(input.Status, cancellationToken);
        await history.AppendAllAsync([.. input.History, .. StatusRecorder.HistoryEntries(input.Status, result)], cancellationToken);

        IReadOnlyList<OutcomeMail> mails = OutcomeMails.For(input.Status);
        NotificationReceipt[] receipts = await Task.WhenAll(mails.Select(m => notifier.SendAsync(m.Mail, cancellationToken)));
        await history.AppendAllAsync([.. mails.Select(m => m.Notified)], cancellationToken);
        return new OutcomeRecordResult(result, receipts);
    }
}
