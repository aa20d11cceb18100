using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoSell.Workflow.Http;

/// <summary>The JSON contract of the API: camelCase, enums as names, unknown fields refused.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>"$.offer.kind" → "offer.kind"; "$[2].email" → "contacts[2].email" for root "contacts"; the whole body → the root.</summary>
    internal static string FieldOf(JsonException ex, string root = "body")
    {
        string? path = ex.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return root;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : root + path.TrimStart('$');
    }

    /// <summary>A plain reason without .NET type names.</summary>
    internal static string Explain(JsonException ex, string field)
    {
        string message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            // "The JSON property 'a'b' could not be mapped ...": the name runs to the quote before " could not", so it may hold quotes.
            const string Before = "property '";
            int start = message.IndexOf(Before, StringComparison.Ordinal);
            int end = message.IndexOf("' could not be mapped", StringComparison.Ordinal);
            string name = start >= 0 && end >= start + Before.Length ? message[(start + Before.Length)..end] : "?";
            return $"Unknown field '{name}'.";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return "The field appears more than once; send each field once.";
        }

        if (ex.InnerException is InvalidOperationException inner && (inner.Message.Contains("UTF-8", StringComparison.Ordinal) || inner.Message.Contains("UTF-16", StringComparison.Ordinal)))
        {
            return "The text is not valid Unicode: bytes that are not UTF-8, or an unpaired surrogate escape (\\uD800-\\uDFFF).";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // The message names the record being built, not the member's type, so go by the field.
            if (field == "kind")
            {
                return "Not an offer kind; use one of " + string.Join(", ", Enum.GetNames<CoSell.Domain.OfferKind>()) + ".";
            }

            if (field == "solutionType")
            {
                return "Not a solution type; use one of " + string.Join(", ", Enum.GetNames<CoSell.Domain.SolutionType>()) + ".";
            }

            return "The value has the wrong type or format for this field.";
        }

        return "The body is not well-formed JSON" + (ex.LineNumber is long line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})." : ".");
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = false,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new NamedEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
