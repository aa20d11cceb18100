using System.Globalization;
using CoSell.Domain;
using CoSell.Workflow.Messages;

namespace CoSell.Workflow.Notifications;

/// <summary>One rendered e-mail: subject, plain text and simple HTML.</summary>
public sealed record EmailContent(string Subject, string PlainText, string Html);

/// <summary>
/// The e-mails of a co-sell review. Pure: everything shown comes from the arguments; every value is HTML-encoded in the HTML
/// part. The only credential ever rendered is a reviewer's own review link, in that reviewer's own e-mail.
/// </summary>
public static class EmailTemplates
{
    /// <summary>To the partner: automated checks failed; every failed requirement with its reason.</summary>
    public static EmailContent PartnerNotReady(Submission submission, Evaluation evaluation)
    {
        var mail = new MailWriter();
        mail.Paragraph($"Your offer \"{submission.Offer.Name}\" ({submission.Offer.OfferId}, draft {submission.DraftVersion}) is not ready for co-sell yet.");
        mail.Paragraph("These requirements keep it from co-sell ready:");
        mail.Bullets(evaluation.BlockingFailures.Select(Describe));
        IncentiveGaps(mail, evaluation);
        mail.Paragraph("Fix them, save the draft and press \"Review and publish\" again.");
        return mail.Build($"Co-sell review: {submission.Offer.Name} is not ready yet");
    }

    /// <summary>To one reviewer: the offer, the proposed status, every requirement, the reviewer's own link and its expiry.</summary>
    public static EmailContent ReviewerRequest(Submission submission, Evaluation proposed, string link, DateTimeOffset expiresAt)
        => ReviewerMail(submission, proposed, link, expiresAt, reminder: false);

    /// <summary>To one reviewer who has not decided yet: the same content as the request, marked as a reminder.</summary>
    public static EmailContent ReviewerReminder(Submission submission, Evaluation proposed, string link, DateTimeOffset expiresAt)
        => ReviewerMail(submission, proposed, link, expiresAt, reminder: true);

    /// <summary>To the partner: the recorded status, its label, the reasons, the benefits and the reviewer's comment.</summary>
    public static EmailContent PartnerOutcome(Submission submission, Evaluation final, ReviewResolution resolution, ReviewerDecision? decision)
    {
        var mail = new MailWriter();
        mail.Paragraph($"The co-sell review of your offer \"{submission.Offer.Name}\" ({submission.Offer.OfferId}, draft {submission.DraftVersion}) is complete.");
        mail.Paragraph($"Co-sell status: {StatusLabel(final.Status, final.Tracks)} ({final.Status}).");
        mail.Paragraph(resolution switch
        {
            ReviewResolution.Approved => "A Microsoft reviewer approved the submission.",
            ReviewResolution.Rejected => "A Microsoft reviewer did not approve the submission.",
            ReviewResolution.Expired => "No reviewer decided before the review expired.",
            _ => "The automated checks did not pass.",
        });
        if (!string.IsNullOrWhiteSpace(decision?.Comment))
        {
            mail.Paragraph($"Reviewer's comment: {decision.Comment}");
        }

        List<RequirementResult> blocking = [.. final.BlockingFailures];
        if (blocking.Count > 0)
        {
            mail.Paragraph("Requirements not met:");
            mail.Bullets(blocking.Select(Describe));
        }

        if (final.Status != CoSellStatus.CoSellIncentivized)
        {
            IncentiveGaps(mail, final);
        }

        if (final.Benefits.Count > 0)
        {
            mail.Paragraph("Benefits unlocked:");
            mail.Bullets(final.Benefits.Select(b => $"{b.Title}: {b.Detail}"));
        }

        return mail.Build($"Co-sell review: {submission.Offer.Name} is {StatusLabel(final.Status, final.Tracks)}");
    }

    /// <summary>To the reviewers: the decision (or expiry) has been recorded.</summary>
    public static EmailContent ReviewerRecorded(Submission submission, Evaluation final, ReviewResolution resolution, ReviewerDecision? decision)
    {
        var mail = new MailWriter();
        string what = resolution switch
        {
            ReviewResolution.Approved => $"approved by {decision?.Reviewer}",
            ReviewResolution.Rejected => $"rejected by {decision?.Reviewer}",
            _ => "expired without a decision",
        };
        mail.Paragraph($"The co-sell review of \"{submission.Offer.Name}\" ({submission.Offer.PartnerId}/{submission.Offer.OfferId}, draft {submission.DraftVersion}) was {what}.");
        mail.Paragraph($"Recorded status: {StatusLabel(final.Status, final.Tracks)} ({final.Status}). The partner has been notified; the review links no longer decide anything.");
        return mail.Build($"Co-sell review recorded: {submission.Offer.Name}");
    }

    private static string StatusLabel(CoSellStatus status, IReadOnlyList<IncentiveTrack> tracks) => StatusLabels.Label(status, tracks);

    /// <summary>Failed step-4 requirements: they do not block co-sell ready, but explain why the offer is not incentivized.</summary>
    private static void IncentiveGaps(MailWriter mail, Evaluation evaluation)
    {
        List<RequirementResult> gaps = [.. evaluation.Failures.Except(evaluation.BlockingFailures)];
        if (gaps.Count > 0)
        {
            mail.Paragraph("For co-sell incentivized (Azure IP or Business Applications track), these are not met yet:");
            mail.Bullets(gaps.Select(Describe));
        }
    }

    private static EmailContent ReviewerMail(Submission submission, Evaluation proposed, string link, DateTimeOffset expiresAt, bool reminder)
    {
        Offer offer = submission.Offer;
        var mail = new MailWriter();
        if (reminder)
        {
            mail.Paragraph("Reminder: this co-sell review is still waiting for your decision.");
        }

        mail.Paragraph($"Partner {offer.PartnerId} asks Microsoft to co-sell \"{offer.Name}\" ({offer.OfferId}, draft {submission.DraftVersion}, {offer.SolutionType}, {offer.Kind}).");
        mail.Paragraph($"Proposed status: {StatusLabel(proposed.Status, proposed.Tracks)} ({proposed.Status}).");
        mail.Paragraph("Requirements:");
        mail.Bullets(proposed.Requirements.Select(r => $"[{(r.Passed ? "pass" : r.Optional ? "optional, not met" : "FAIL")}] {r.Title}: {r.Reason}"));
        mail.Link("Open the review page to approve or reject", link);
        mail.Paragraph($"The link is yours alone, works once, and expires {expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Opening it decides nothing.");
        return mail.Build(reminder ? $"Reminder: co-sell review of {offer.Name}" : $"Co-sell review requested: {offer.Name}");
    }

    private static string Describe(RequirementResult r) => $"{r.Title}: {r.Reason}";
}
