using System.Net;
using System.Text;

namespace CoSell.Workflow.Notifications;

/// <summary>Writes the same content as plain text and as HTML (every value encoded).</summary>
internal sealed class MailWriter
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();

    public void Paragraph(string value)
    {
        text.Append(value).Append('\n').Append('\n');
        html.Append("<p>").Append(WebUtility.HtmlEncode(value)).Append("</p>\n");
    }

    public void Bullets(IEnumerable<string> items)
    {
        html.Append("<ul>\n");
        foreach (string item in items)
        {
            text.Append("- ").Append(item).Append('\n');
            html.Append("<li>").Append(WebUtility.HtmlEncode(item)).Append("</li>\n");
        }

        text.Append('\n');
        html.Append("</ul>\n");
    }

    public void Link(string label, string url)
    {
        text.Append(label).Append(":\n").Append(url).Append('\n').Append('\n');
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a></p>\n");
    }

    public EmailContent Build(string subject)
        => new(subject.ReplaceLineEndings(" "), text.ToString().TrimEnd() + "\n", "<!DOCTYPE html>\n<html><body>\n" + html + "</body></html>\n");
}
