using System.Globalization;
using System.Net;
using System.Text;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>What the reviewer page shows: the submitted draft, its automated evaluation and the decision, if any.</summary>
public sealed record ReviewEvidence(
    string PartnerId,
    string OfferId,
    Submission? Submission,
    string? SubmittedBy,
    Evaluation? Evaluation,
    string? EvaluationNote,
    ReviewerDecision? Decision);

/// <summary>
/// Plain server-rendered HTML for reviewers: no script, every value HTML-encoded, every control labelled.
/// Pages are never cached and never send the (secret) URL on as a referrer.
/// </summary>
public static class ReviewPages
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45}"
        + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        + ".failed{color:#8a1c1c;font-weight:600}.passed{color:#1d5e20}.notice{border:2px solid #333;padding:.5rem 1rem}"
        + ".error{border:2px solid #8a1c1c;padding:.5rem 1rem}textarea{width:100%}button{font-size:1rem;margin:.5rem .5rem 0 0;padding:.4rem 1rem}";

    public static IResult Review(ReviewEvidence evidence, string documentBase, string? error, int statusCode)
    {
        var html = new StringBuilder();
        Submission? submission = evidence.Submission;
        string title = submission is null ? $"Co-sell review: {evidence.OfferId}" : $"Co-sell review: {submission.Offer.Name}";
        html.Append("<h1>").Append(E(title)).Append("</h1>");

        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>");
        }

        if (evidence.Decision is { } decided)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(AlreadyDecided(decided))).Append("</p>");
        }

        AppendOffer(html, evidence);
        AppendEvaluation(html, evidence);
        AppendDocuments(html, submission, documentBase);
        AppendContacts(html, submission);

        if (evidence.Decision is null)
        {
            html.Append("<h2>Your decision</h2>")
                .Append("<p>Nothing is decided until you press a button. A rejection needs a comment the partner can act on.</p>")
                .Append("<form method=\"post\">")
                .Append("<label for=\"comment\">Comment for the partner (required to reject)</label>")
                .Append("<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"2000\"></textarea>")
                .Append("<div><button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>")
                .Append("<button type=\"submit\" name=\"decision\" value=\"reject\">Reject</button></div>")
                .Append("</form>");
        }

        return Page(title, html.ToString(), statusCode);
    }

    public static string AlreadyDecided(ReviewerDecision decision)
        => $"This review is already decided: {(decision.Approved ? "Approved" : "Rejected")} by {decision.Reviewer} at {Time(decision.DecidedAt)}"
            + (string.IsNullOrWhiteSpace(decision.Comment) ? "." : $" (comment: {decision.Comment}).");

    public static IResult Decided(ReviewerDecision decision, string offerName)
        => Page(
            "Decision recorded",
            $"<h1>Decision recorded</h1><p class=\"notice\" role=\"status\">You {(decision.Approved ? "approved" : "rejected")} the co-sell review of {E(offerName)} at {E(Time(decision.DecidedAt))}."
            + (string.IsNullOrWhiteSpace(decision.Comment) ? string.Empty : $" Your comment: {E(decision.Comment)}")
            + "</p><p>The partner will be notified by e-mail. You can close this page.</p>",
            StatusCodes.Status200OK);

    public static IResult AlreadyDecidedPage(ReviewerDecision decision)
        => Page("Already decided", $"<h1>Already decided</h1><p class=\"notice\" role=\"status\">{E(AlreadyDecided(decision))}</p><p>Nothing was changed.</p>", StatusCodes.Status409Conflict);

    /// <summary>A page for a link that cannot be used (403 tampered, 404 unknown, 410 expired) or a bad post.</summary>
    public static IResult Message(int statusCode, string title, string message)
        => Page(title, $"<h1>{E(title)}</h1><p role=\"alert\">{E(message)}</p><p>Nothing was changed.</p>", statusCode);

    public static IResult Page(string title, string body, int statusCode)
    {
        string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex\">"
            + $"<title>{E(title)}</title><style>{Style}</style></head><body><main>{body}</main></body></html>";
        return WithPageHeaders(Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode));
    }

    /// <summary>The review URL is a credential: no caching, no referrer, no framing, no script.</summary>
    public static IResult WithPageHeaders(IResult inner)
        => HeaderResult.With(
            inner,
            (HeaderNames.CacheControl, "no-store"),
            ("Referrer-Policy", "no-referrer"),
            (HeaderNames.XContentTypeOptions, "nosniff"),
            (HeaderNames.XFrameOptions, "DENY"),
            (HeaderNames.ContentSecurityPolicy, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"));

    private static void AppendOffer(StringBuilder html, ReviewEvidence evidence)
    {
        html.Append("<h2>Offer</h2><table><tbody>");
        Row(html, "Partner", evidence.PartnerId);
        Row(html, "Offer id", evidence.OfferId);
        if (evidence.Submission is { } s)
        {
            Offer o = s.Offer;
            Row(html, "Draft version", s.DraftVersion.ToString(CultureInfo.InvariantCulture));
            Row(html, "Submitted by", evidence.SubmittedBy ?? "unknown");
            Row(html, "Solution type", o.SolutionType == SolutionType.IpSolution ? "IP solution" : "Services");
            Row(html, "Offer kind", o.Kind.ToString());
            Row(html, "Eligible countries", string.Join(", ", o.EligibleCountries));
            Row(html, "Transactable", YesNo(o.IsTransactable));
            Row(html, "Configured for CSP resellers", YesNo(o.CspConfigured));
            Row(html, "Built on Azure", YesNo(o.BuiltOnAzure));
            Row(html, "Repeatable IP share", o.RepeatableIpShare.ToString("P0", CultureInfo.InvariantCulture));
            Row(html, "Landing page URL", s.Materials.LandingPageUrl ?? "none");
            Row(html, "Social media / evidence URL", s.Materials.SocialOrEvidenceUrl ?? "none");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendEvaluation(StringBuilder html, ReviewEvidence evidence)
    {
        html.Append("<h2>Automated evaluation</h2>");
        if (evidence.Evaluation is not { } evaluation)
        {
            html.Append("<p>").Append(E(evidence.EvaluationNote ?? "The automated evaluation is not available.")).Append("</p>");
            return;
        }

        html.Append("<p>Proposed status: <strong>").Append(E(StatusLabels.Label(evaluation.Status, evaluation.Tracks)))
            .Append("</strong> (").Append(E(evaluation.Status.ToString())).Append(")</p>");
        html.Append("<table><caption>Every requirement with its result and reason</caption><thead><tr><th scope=\"col\">Step</th><th scope=\"col\">Requirement</th><th scope=\"col\">Result</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (RequirementResult r in evaluation.Requirements)
        {
            string result = r.Passed ? "Passed" : r.Optional ? "Not met (optional)" : "Failed";
            html.Append("<tr><td>").Append(r.Step.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(r.Title))
                .Append("</td><td class=\"").Append(r.Passed ? "passed" : "failed").Append("\">").Append(result)
                .Append("</td><td>").Append(E(r.Reason)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (evaluation.Benefits.Count > 0)
        {
            html.Append("<h3>Benefits this status unlocks</h3><ul>");
            foreach (Benefit b in evaluation.Benefits)
            {
                html.Append("<li><strong>").Append(E(b.Title)).Append("</strong>: ").Append(E(b.Detail)).Append("</li>");
            }

            html.Append("</ul>");
        }
    }

    private static void AppendDocuments(StringBuilder html, Submission? submission, string documentBase)
    {
        html.Append("<h2>Documents</h2>");
        IReadOnlyList<CollateralDocument> documents = submission?.Materials.Documents ?? [];
        if (documents.Count == 0)
        {
            html.Append("<p>No documents were uploaded.</p>");
            return;
        }

        html.Append("<ul>");
        for (int i = 0; i < documents.Count; i++)
        {
            CollateralDocument d = documents[i];
            html.Append("<li><a href=\"").Append(E(documentBase + i.ToString(CultureInfo.InvariantCulture))).Append("\" download>")
                .Append(E(d.FileName)).Append("</a> (").Append(E(InputRules.ToSlug(d.Type))).Append(", ")
                .Append(d.SizeBytes.ToString("N0", CultureInfo.InvariantCulture)).Append(" bytes)</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendContacts(StringBuilder html, Submission? submission)
    {
        html.Append("<h2>Sales contacts</h2>");
        IReadOnlyList<SalesContact> contacts = submission?.Materials.Contacts ?? [];
        if (contacts.Count == 0)
        {
            html.Append("<p>No sales contacts were given.</p>");
            return;
        }

        html.Append("<table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">E-mail</th><th scope=\"col\">Job title</th><th scope=\"col\">Role</th><th scope=\"col\">Countries</th></tr></thead><tbody>");
        foreach (SalesContact c in contacts)
        {
            html.Append("<tr><td>").Append(E(c.Name)).Append("</td><td>").Append(E(c.Email)).Append("</td><td>").Append(E(c.JobTitle ?? string.Empty))
                .Append("</td><td>").Append(E(c.Role ?? string.Empty)).Append("</td><td>").Append(E(string.Join(", ", c.Countries))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Row(StringBuilder html, string name, string value)
        => html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}
