using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>
/// An outbox notifier in memory: each (instance, step) is sent at most once; a repeat returns the first receipt with
/// AlreadySent. <see cref="FailTransiently"/> makes the next sends of a step throw <see cref="TransientNotificationException"/>.
/// </summary>
public sealed class RecordingNotifier : INotifier
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, string), NotificationRequest> sent = [];
    private readonly Dictionary<string, int> failuresLeft = [];
    private readonly Dictionary<string, int> attempts = [];
    private readonly HashSet<string> rejected = [];

    /// <summary>Every e-mail actually sent, in order.</summary>
    public IReadOnlyList<NotificationRequest> Sent
    {
        get
        {
            lock (gate)
            {
                return [.. sent.Values];
            }
        }
    }

    public void FailTransiently(string step, int times)
    {
        lock (gate)
        {
            failuresLeft[step] = times;
        }
    }

    /// <summary>Makes every send of a step fail with an error no retry can fix (a malformed request).</summary>
    public void RejectPermanently(string step)
    {
        lock (gate)
        {
            rejected.Add(step);
        }
    }

    public int Attempts(string step)
    {
        lock (gate)
        {
            return attempts.GetValueOrDefault(step);
        }
    }

    public IReadOnlyList<NotificationRequest> ForStep(string step) => [.. Sent.Where(n => n.Step == step)];

    public Task<NotificationReceipt> SendAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            attempts[request.Step] = attempts.GetValueOrDefault(request.Step) + 1;
            if (sent.ContainsKey((request.InstanceId, request.Step)))
            {
                return Task.FromResult(new NotificationReceipt(request.InstanceId, request.Step, $"msg-{request.InstanceId}-{request.Step}", DateTimeOffset.UnixEpoch, AlreadySent: true));
            }

            if (rejected.Contains(request.Step))
            {
                throw new ArgumentException($"The mail provider rejected {request.Step} as malformed.", nameof(request));
            }

            if (failuresLeft.GetValueOrDefault(request.Step) > 0)
            {
                failuresLeft[request.Step]--;
                throw new TransientNotificationException($"Mail provider answered 503 for {request.Step}.");
            }

            sent[(request.InstanceId, request.Step)] = request;
            return Task.FromResult(new NotificationReceipt(request.InstanceId, request.Step, $"msg-{request.InstanceId}-{request.Step}", DateTimeOffset.UnixEpoch, AlreadySent: false));
        }
    }
}
