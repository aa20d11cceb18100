using System.Text.Json;

namespace CoSell.Workflow.Tests.OpenApi;

/// <summary>
/// Checks a JSON value against the subset of OpenAPI 3.0 schema the document uses (type, properties, required,
/// additionalProperties, items, enum, nullable, $ref): enough to catch a response field the document forgot or misnames.
/// </summary>
internal static class SchemaCheck
{
    public static IReadOnlyList<string> Problems(JsonElement value, JsonElement schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private static void Check(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        schema = OpenApiSpec.Resolve(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!(schema.TryGetProperty("nullable", out JsonElement nullable) && nullable.GetBoolean()))
            {
                problems.Add($"{at}: null, but the schema is not nullable.");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement allowed) && !allowed.EnumerateArray().Any(a => a.ToString() == value.ToString()))
        {
            problems.Add($"{at}: '{value}' is not one of the documented values.");
        }

        string? type = schema.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
        switch (type)
        {
            case null:
                return;
            case "object":
                CheckObject(value, schema, at, problems);
                return;
            case "array" when value.ValueKind == JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Check(item, schema.GetProperty("items"), $"{at}[{i++}]", problems);
                }

                return;
            case "string" when value.ValueKind == JsonValueKind.String:
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
            case "number" when value.ValueKind == JsonValueKind.Number:
            case "integer" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _):
                return;
            default:
                problems.Add($"{at}: a {value.ValueKind}, documented as {type}.");
                return;
        }
    }

    private static void CheckObject(JsonElement value, JsonElement schema, string at, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: a {value.ValueKind}, documented as object.");
            return;
        }

        JsonElement? properties = schema.TryGetProperty("properties", out JsonElement p) ? p : null;
        JsonElement? additional = schema.TryGetProperty("additionalProperties", out JsonElement a) && a.ValueKind == JsonValueKind.Object ? a : null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            if (properties is { } declared && declared.TryGetProperty(property.Name, out JsonElement propertySchema))
            {
                Check(property.Value, propertySchema, $"{at}.{property.Name}", problems);
            }
            else if (additional is { } rest)
            {
                Check(property.Value, rest, $"{at}.{property.Name}", problems);
            }
            else if (properties is not null)
            {
                problems.Add($"{at}.{property.Name}: not documented.");
            }
        }

        if (schema.TryGetProperty("required", out JsonElement required))
        {
            foreach (string name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                problems.Add($"{at}.{name}: documented as required, but missing.");
            }
        }
    }
}
