using System.Runtime.ExceptionServices;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Sends several partners' monthly e-mails in one activity through the outbox notifier, so a month with thousands of
/// affected partners costs one activity per group instead of one per e-mail. Each e-mail is still sent at most once
/// (outbox row <c>reeval-YYYY-MM/partner-{id}</c>): a repeated call finds the ones already sent and goes on. An e-mail
/// refused for good (an invalid request) is reported; a transient failure is rethrown after the others were tried, so
/// the caller's retry policy repeats the call and only the unsent ones go out.
/// </summary>
public sealed class SendPartnerEmailsActivity(INotifier notifier)
{
    public async Task<IReadOnlyList<PartnerEmailResult>> RunAsync(PartnerEmailsRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var results = new List<PartnerEmailResult>(input.Partners.Count);
        ExceptionDispatchInfo? transient = null;
        foreach (PartnerChanges partner in input.Partners)
        {
            try
            {
                await notifier.SendAsync(partner.ToNotification(input.InstanceId, input.Month), cancellationToken);
                results.Add(new PartnerEmailResult(partner.PartnerId, null));
            }
            catch (Exception ex) when (IsPermanent(ex))
            {
                results.Add(new PartnerEmailResult(partner.PartnerId, ex.Message));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                transient ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        transient?.Throw();
        return results;
    }

    /// <summary>The failures no retry can fix: the kinds the review's retry policy does not retry either.</summary>
    internal static bool IsPermanent(Exception ex) => ex is ArgumentException or DomainValidationException or NotSupportedException or NotImplementedException;
}
