using CoSell.Domain;
using CoSell.Workflow.Notifications;

namespace CoSell.Workflow.Reevaluation;

/// <summary>The e-mails of the monthly re-evaluation. Pure: everything shown comes from the arguments; HTML is encoded.</summary>
public static class ReevaluationEmails
{
    /// <summary>To a partner: every grant and withdrawal of its offers this month, with the ACR TTM it was decided on.</summary>
    public static EmailContent PartnerChanges(string month, string partnerId, IReadOnlyList<OfferReevaluation> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var mail = new MailWriter();
        mail.Paragraph($"The monthly co-sell re-evaluation for {month} changed the status of offers of {partnerId}:");
        mail.Bullets(changes.OrderBy(c => c.OfferId, StringComparer.Ordinal).Select(Describe));
        if (changes.Any(c => c.Outcome == ReevaluationOutcome.Withdrawn))
        {
            mail.Paragraph($"Co-sell incentivized needs an ACR TTM of at least {Money.Usd(CoSellRules.RevenueThresholdUsd)} (or that much billed revenue of the organisation's Azure solutions); the status is granted again when a later month's revenue meets it.");
        }

        int granted = changes.Count(c => c.Outcome == ReevaluationOutcome.Granted);
        int withdrawn = changes.Count(c => c.Outcome == ReevaluationOutcome.Withdrawn);
        return mail.Build($"Co-sell re-evaluation {month}: {granted} granted, {withdrawn} withdrawn");
    }

    /// <summary>To the admins: the run's figures and every listed issue with its reason.</summary>
    public static EmailContent AdminSummary(ReevaluationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var mail = new MailWriter();
        mail.Paragraph($"The co-sell re-evaluation for {summary.Month} is complete.");
        mail.Bullets(
        [
            $"Offers evaluated: {summary.Evaluated}",
            $"Granted co-sell incentivized: {summary.Granted}",
            $"Withdrawn co-sell incentivized: {summary.Withdrawn}",
            $"Unchanged: {summary.Unchanged}",
            $"Missing revenue row (status kept): {summary.MissingRevenue}",
            $"Errors (status kept): {summary.Errors}",
            $"Skipped (no longer reviewed): {summary.Skipped}",
            $"Partners notified: {summary.PartnersNotified}",
            .. summary.BatchesFailed > 0 ? [$"Batches of organisations that failed (their offers keep their status): {summary.BatchesFailed}"] : Array.Empty<string>(),
        ]);
        if (summary.Issues.Count > 0)
        {
            mail.Paragraph("Needs attention:");
            mail.Bullets(summary.Issues.Select(i => $"{i.PartnerId}{(i.OfferId is null ? string.Empty : "/" + i.OfferId)} ({i.Outcome}): {i.Reason}"));
        }

        if (summary.IssuesNotListed > 0)
        {
            mail.Paragraph($"{summary.IssuesNotListed} further issue(s) are not listed.");
        }

        return mail.Build($"Co-sell re-evaluation {summary.Month}: {summary.Granted} granted, {summary.Withdrawn} withdrawn, {summary.MissingRevenue + summary.Errors + summary.BatchesFailed} need attention");
    }

    private static string Describe(OfferReevaluation change)
    {
        string acr = change.AcrTtmUsd is { } value ? $" (ACR TTM {Money.Usd(value)})" : string.Empty;
        string verb = change.Outcome == ReevaluationOutcome.Granted ? "now Co-sell incentivized" : "no longer Co-sell incentivized, now Co-sell ready";
        return $"\"{change.OfferName ?? change.OfferId}\" ({change.OfferId}): {verb}{acr}.";
    }
}
