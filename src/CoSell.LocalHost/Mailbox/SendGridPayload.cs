using System.Text.Json;

namespace CoSell.LocalHost.Mailbox;

/// <summary>
/// Reads the SendGrid v3 <c>mail/send</c> JSON (the shape <c>SendGridMessage.Serialize()</c> produces:
/// from, subject, personalizations[to, cc, bcc, subject, headers, custom_args], content[type, value],
/// headers, custom_args, categories, ...). Unknown members are ignored, as SendGrid does for optional ones.
/// </summary>
internal static class SendGridPayload
{
    /// <summary>Parses a request; returns the SendGrid-style error list when required parts are missing.</summary>
    public static (CapturedMail? Mail, IReadOnlyList<SendGridError> Errors) Parse(JsonElement root, string id, DateTimeOffset receivedAt)
    {
        List<SendGridError> errors = [];
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new SendGridError("The request body must be a JSON object.", null)]);
        }

        string? from = Address(root, "from");
        if (string.IsNullOrWhiteSpace(from))
        {
            errors.Add(new SendGridError("The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.", "from.email"));
        }

        List<string> to = [];
        List<string> cc = [];
        Dictionary<string, string> customArgs = Strings(root, "custom_args");
        Dictionary<string, string> headers = Strings(root, "headers");
        string? subject = Text(root, "subject");
        if (root.TryGetProperty("personalizations", out JsonElement personalizations) && personalizations.ValueKind == JsonValueKind.Array
            && personalizations.GetArrayLength() > 0)
        {
            foreach (JsonElement p in personalizations.EnumerateArray())
            {
                to.AddRange(Addresses(p, "to"));
                cc.AddRange(Addresses(p, "cc"));
                subject = Text(p, "subject") ?? subject;
                foreach ((string key, string value) in Strings(p, "custom_args"))
                {
                    customArgs[key] = value;
                }

                foreach ((string key, string value) in Strings(p, "headers"))
                {
                    headers[key] = value;
                }
            }
        }
        else
        {
            errors.Add(new SendGridError("The personalizations field is required and must have at least one personalization.", "personalizations"));
        }

        if (to.Count == 0 && errors.Count == 0)
        {
            errors.Add(new SendGridError("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", "personalizations.0.to"));
        }

        string? text = null;
        string? html = null;
        if (root.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement part in content.EnumerateArray())
            {
                string? type = Text(part, "type");
                string? value = Text(part, "value");
                if (string.Equals(type, "text/plain", StringComparison.OrdinalIgnoreCase))
                {
                    text = value;
                }
                else if (string.Equals(type, "text/html", StringComparison.OrdinalIgnoreCase))
                {
                    html = value;
                }
            }
        }

        bool usesTemplate = Text(root, "template_id") is not null;
        if (text is null && html is null && !usesTemplate)
        {
            errors.Add(new SendGridError("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content"));
        }

        if (string.IsNullOrWhiteSpace(subject) && !usesTemplate)
        {
            errors.Add(new SendGridError("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
        }

        List<string> categories = [];
        if (root.TryGetProperty("categories", out JsonElement cats) && cats.ValueKind == JsonValueKind.Array)
        {
            categories.AddRange(cats.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CapturedMail(id, receivedAt, from!, to, cc, subject ?? string.Empty, text, html, customArgs, headers, categories), []);
    }

    static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    static string? Address(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? Text(value, "email") : null;

    static IEnumerable<string> Addresses(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => Text(a, "email")).OfType<string>()
            : [];

    static Dictionary<string, string> Strings(JsonElement element, string name)
    {
        Dictionary<string, string> result = new(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in map.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return result;
    }
}

/// <summary>One entry of SendGrid's error body <c>{"errors":[{"message","field"}]}</c>.</summary>
internal sealed record SendGridError(string Message, string? Field);
