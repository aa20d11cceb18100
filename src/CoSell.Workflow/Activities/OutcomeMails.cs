using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>One e-mail of a recorded outcome and the history entry that says it went out.</summary>
public sealed record OutcomeMail(NotificationRequest Mail, HistoryEntry Notified);

/// <summary>
/// Who hears about a recorded outcome: the partner (not ready, or the outcome) and, after a human review or an
/// expiry, the reviewers. Pure; the outbox keys (instance + step) and entry ids are the same on every attempt.
/// </summary>
public static class OutcomeMails
{
    public static IReadOnlyList<OutcomeMail> For(StatusRecordRequest input)
    {
        Submission submission = input.Request.Submission;
        string partner = input.Request.SubmittedBy;
        if (input.Resolution == ReviewResolution.AutomatedFailure)
        {
            return
            [
                new(Mail(input, NotificationSteps.PartnerNotReady, [partner], EmailTemplates.PartnerNotReady(submission, input.Final)),
                    Notified(input, HistorySteps.NotifiedPartner, $"Partner notified ({partner}): not ready.")),
            ];
        }

        List<string> reviewers = [.. input.Request.Policy.Reviewers.Distinct(StringComparer.OrdinalIgnoreCase)];
        return
        [
            new(Mail(input, NotificationSteps.PartnerOutcome, [partner], EmailTemplates.PartnerOutcome(submission, input.Final, input.Resolution, input.Decision)),
                Notified(input, HistorySteps.NotifiedPartner, $"Partner notified ({partner}): {input.Final.Status}.")),
            new(Mail(input, NotificationSteps.ReviewerRecorded, reviewers, EmailTemplates.ReviewerRecorded(submission, input.Final, input.Resolution, input.Decision)),
                Notified(input, HistorySteps.NotifiedReviewers, $"Reviewers notified: {input.Resolution} recorded.")),
        ];
    }

    private static NotificationRequest Mail(StatusRecordRequest input, string step, IReadOnlyList<string> to, EmailContent content)
        => new(input.InstanceId, step, to, content.Subject, content.PlainText, content.Html);

    private static HistoryEntry Notified(StatusRecordRequest input, int step, string summary)
    {
        Offer offer = input.Request.Submission.Offer;
        return new HistoryEntry(
            offer.PartnerId, offer.OfferId, HistorySteps.EntryId(input.InstanceId, step), input.At,
            HistoryKind.Notified, ReviewOrchestration.ChecksActor, summary, InstanceId: input.InstanceId);
    }
}
