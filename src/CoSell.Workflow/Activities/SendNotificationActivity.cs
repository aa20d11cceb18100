using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>Sends one e-mail through the outbox notifier (at most once per instance + step).</summary>
public sealed class SendNotificationActivity(INotifier notifier)
{
    public Task<NotificationReceipt> RunAsync(NotificationRequest input, CancellationToken cancellationToken)
        => notifier.SendAsync(input, cancellationToken);
}
