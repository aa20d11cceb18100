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
            int start = message.IndexOf('\'', StringComparison.Ordinal);
            int end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            string name = start >= 0 && end > start ? message[(start + 1)..end] : "?";
            return $"Unknown field '{name}'.";
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
            ReadCommentHandling = JsonCommentHandling.Disallow,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
