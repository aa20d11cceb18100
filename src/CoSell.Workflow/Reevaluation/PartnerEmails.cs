using CoSell.Workflow.Notifications;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>One partner's grants and withdrawals of the month, and where its e-mail goes.</summary>
public sealed record PartnerChanges(string PartnerId, IReadOnlyList<string> To, IReadOnlyList<OfferReevaluation> Changes)
{
    /// <summary>The partner's changes, addressed to every distinct partner e-mail on file for them (possibly none).</summary>
    public static PartnerChanges Of(string partnerId, IReadOnlyList<OfferReevaluation> changes)
        => new(partnerId, [.. changes.Select(c => c.PartnerEmail).OfType<string>().Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)], changes);

    /// <summary>The partner's e-mail of the run: one per partner and month (notification step <c>partner-{id}</c>).</summary>
    public NotificationRequest ToNotification(string instanceId, string month)
    {
        EmailContent mail = ReevaluationEmails.PartnerChanges(month, PartnerId, Changes);
        return new NotificationRequest(instanceId, MonthlyReevaluationOrchestrator.PartnerStep(PartnerId), To, mail.Subject, mail.PlainText, mail.Html);
    }
}

/// <summary>How a partner's e-mail went when the batch sent it.</summary>
internal enum PartnerEmailOutcome
{
    /// <summary>Sent now, or found sent by an earlier attempt (the outbox sends each e-mail once).</summary>
    Sent,

    /// <summary>Refused for good (an invalid request); listed as an issue.</summary>
    Refused,

    /// <summary>A failure a retry may fix: the orchestrator sends it again, with its retry policy.</summary>
    Retry,
}

/// <summary>Sends a partner's e-mail from the batch that decided its changes.</summary>
internal static class PartnerEmail
{
    public static async Task<(PartnerEmailOutcome Outcome, string? Failure)> TrySendAsync(
        INotifier notifier, PartnerChanges partner, string instanceId, string month, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.SendAsync(partner.ToNotification(instanceId, month), cancellationToken);
            return (PartnerEmailOutcome.Sent, null);
        }
        catch (Exception ex) when (ReviewOrchestration.IsPermanent(ex))
        {
            return (PartnerEmailOutcome.Refused, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (PartnerEmailOutcome.Retry, ex.Message);
        }
    }
}
