using CoSell.Workflow.Notifications;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>One partner's grants and withdrawals of the month, and where its e-mail goes.</summary>
public sealed record PartnerChanges(string PartnerId, IReadOnlyList<string> To, IReadOnlyList<OfferReevaluation> Changes)
{
    /// <summary>The partner's e-mail of the run: one per partner and month (notification step <c>partner-{id}</c>).</summary>
    public NotificationRequest ToNotification(string instanceId, string month)
    {
        EmailContent mail = ReevaluationEmails.PartnerChanges(month, PartnerId, Changes);
        return new NotificationRequest(instanceId, MonthlyReevaluationOrchestrator.PartnerStep(PartnerId), To, mail.Subject, mail.PlainText, mail.Html);
    }
}

/// <summary>Input of <see cref="WorkflowNames.SendPartnerEmails"/>: the e-mails are rendered in the activity, so only the changes travel.</summary>
public sealed record PartnerEmailsRequest(string InstanceId, string Month, IReadOnlyList<PartnerChanges> Partners);

/// <summary>A partner e-mail that was sent (now or by an earlier attempt), or refused for good (<see cref="Failure"/>).</summary>
public sealed record PartnerEmailResult(string PartnerId, string? Failure)
{
    public bool Sent => Failure is null;
}
