using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CoSell.LocalHost.Mailbox;

/// <summary>
/// Renders <c>/dev/mailbox</c>. Every value is HTML-encoded; URLs in the text part become links (http and https
/// only); the HTML part is shown in an iframe sandboxed without scripts; links found in the HTML part are also
/// listed as plain links, so a reviewer link is one click away whichever part carries it.
/// </summary>
internal static partial class MailboxPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(IReadOnlyList<CapturedMail> mails, int pendingFaults)
    {
        StringBuilder html = new();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Local mailbox</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 70rem; color: #1b1b1b; }
            article { border: 1px solid #c8c8c8; border-radius: .4rem; padding: .8rem 1rem; margin: 1rem 0; }
            h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0 .6rem; }
            dt { font-weight: 600; }
            .text { white-space: pre-wrap; font-family: ui-monospace, monospace; background: #f6f6f6; padding: .6rem; }
            iframe { width: 100%; min-height: 20rem; border: 1px solid #ddd; background: #fff; }
            </style>
            </head>
            <body>
            <main>
            <h1>Local mailbox</h1>
            <p>What SendGrid would have delivered, newest first. <a href="/dev/mailbox">Refresh</a>.
            """);
        html.Append(" <span id=\"count\">").Append(mails.Count).Append(mails.Count == 1 ? " mail" : " mails").Append("</span>.");
        if (pendingFaults > 0)
        {
            html.Append(" <strong>Fault switch on: the next ").Append(pendingFaults).Append(" sends will be refused.</strong>");
        }

        html.Append("</p>\n");
        if (mails.Count == 0)
        {
            html.Append("<p>No mail yet.</p>\n");
        }

        foreach (CapturedMail mail in mails)
        {
            string id = Encode(mail.Id);
            html.Append("<article aria-labelledby=\"subject-").Append(id).Append("\" data-message-id=\"").Append(id).Append("\">\n")
                .Append("<h2 id=\"subject-").Append(id).Append("\">").Append(Encode(mail.Subject)).Append("</h2>\n<dl>")
                .Append("<dt>To</dt><dd>").Append(Encode(string.Join(", ", mail.To))).Append("</dd>")
                .Append("<dt>From</dt><dd>").Append(Encode(mail.From)).Append("</dd>")
                .Append("<dt>Received</dt><dd><time datetime=\"").Append(mail.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
                .Append(mail.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append("</time></dd>");
            if (mail.CustomArgs.Count > 0)
            {
                html.Append("<dt>Custom args</dt><dd>").Append(Encode(string.Join("; ", mail.CustomArgs.Select(a => $"{a.Key}={a.Value}")))).Append("</dd>");
            }

            html.Append("</dl>\n");
            if (mail.Text is not null)
            {
                html.Append("<div class=\"text\">").Append(AutoLink(mail.Text)).Append("</div>\n");
            }

            if (mail.Html is not null)
            {
                IReadOnlyList<string> links = LinksIn(mail.Html);
                if (links.Count > 0 && mail.Text is null)
                {
                    html.Append("<p>Links in this mail:</p><ul>");
                    foreach (string link in links)
                    {
                        html.Append("<li><a href=\"").Append(Encode(link)).Append("\">").Append(Encode(link)).Append("</a></li>");
                    }

                    html.Append("</ul>\n");
                }

                html.Append("<details").Append(mail.Text is null ? " open" : string.Empty).Append("><summary>HTML part</summary>")
                    .Append("<iframe title=\"HTML part of ").Append(Encode(mail.Subject)).Append("\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"")
                    .Append(Encode("<base target=\"_blank\">" + mail.Html)).Append("\"></iframe></details>\n");
            }

            html.Append("</article>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Encodes the text and turns every http(s) URL in it into a link; trailing punctuation stays text.</summary>
    internal static string AutoLink(string text)
    {
        StringBuilder result = new();
        int last = 0;
        foreach (Match match in UrlPattern().Matches(text))
        {
            string url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'');
            result.Append(Encode(text[last..match.Index]))
                .Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(url)).Append("</a>");
            last = match.Index + url.Length;
        }

        result.Append(Encode(text[last..]));
        return result.ToString();
    }

    internal static IReadOnlyList<string> LinksIn(string html)
        => [.. HrefPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct(StringComparer.Ordinal)];

    static string Encode(string value) => WebUtility.HtmlEncode(value);

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"href\s*=\s*[""'](?<url>https?://[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HrefPattern();
}
