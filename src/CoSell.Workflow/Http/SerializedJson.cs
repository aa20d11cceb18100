using System.Buffers;
using System.Text.Json;

namespace CoSell.Workflow.Http;

/// <summary>
/// Serialized durable values (custom status, output) passed through to a response as JSON. Property names are made
/// camelCase: the engine stores them as its data converter wrote them (PascalCase on the local host, the worker's
/// serializer settings in the Functions app), and both hosts must answer the same shape.
/// </summary>
internal static class SerializedJson
{
    /// <summary>The value as JSON with camelCase property names, or null when there is none or it is not JSON.</summary>
    public static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var stored = JsonDocument.Parse(json);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCamelCase(writer, stored.RootElement);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteCamelCase(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
                    WriteCamelCase(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteCamelCase(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
