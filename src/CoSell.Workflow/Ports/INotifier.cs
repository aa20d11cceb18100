namespace CoSell.Workflow.Ports;

/// <summary>One intended e-mail. <see cref="InstanceId"/> + <see cref="Step"/> identify it: it is sent at most once.</summary>
public sealed record NotificationRequest(
    string InstanceId,
    string Step,
    IReadOnlyList<string> To,
    string Subject,
    string PlainText,
    string Html);

/// <summary>Result of a send: the provider's message id, and whether an earlier attempt had already sent it.</summary>
public sealed record NotificationReceipt(string InstanceId, string Step, string? ProviderMessageId, DateTimeOffset SentAt, bool AlreadySent);

/// <summary>
/// Outbox + SendGrid: records the e-mail in Table <c>Notifications</c> before sending, sends, marks it sent.
/// Throws <see cref="TransientNotificationException"/> on 429/5xx so the caller's retry policy runs.
/// </summary>
public interface INotifier
{
    Task<NotificationReceipt> SendAsync(NotificationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The mail provider answered 429 or 5xx, or did not answer; retry later.</summary>
public sealed class TransientNotificationException : Exception
{
    public TransientNotificationException() { }

    public TransientNotificationException(string message) : base(message) { }

    public TransientNotificationException(string message, Exception innerException) : base(message, innerException) { }
}
