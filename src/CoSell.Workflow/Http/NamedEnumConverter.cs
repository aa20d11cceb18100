using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoSell.Workflow.Http;

/// <summary>
/// Enums as their names. Reading takes exactly one defined name (case-insensitive): not a number, and not a
/// comma-separated list, which the framework's converter would combine into another member
/// ("AzureApplication, VirtualMachine" read as Container).
/// </summary>
internal sealed class NamedEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert))!;

    private sealed class Named<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly T[] Values = Enum.GetValues<T>();

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Name(value));

        private static T Parse(string? text)
        {
            foreach (T value in Values)
            {
                if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            throw new JsonException();
        }

        private static string Name(T value) => Enum.IsDefined(value) ? value.ToString() : throw new JsonException($"{typeof(T).Name} has no member {value:D}.");
    }
}
