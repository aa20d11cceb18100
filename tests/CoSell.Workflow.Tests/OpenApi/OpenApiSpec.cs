using System.Text.Json;

namespace CoSell.Workflow.Tests.OpenApi;

/// <summary>The checked-in docs/openapi.json, read from the repository (the local host embeds this same file).</summary>
internal static class OpenApiSpec
{
    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(FilePath));

    public static string FilePath
    {
        get
        {
            DirectoryInfo? root = new(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CoSellFunctions.sln")))
            {
                root = root.Parent;
            }

            return root is null
                ? throw new InvalidOperationException($"CoSellFunctions.sln not found above {AppContext.BaseDirectory}.")
                : Path.Combine(root.FullName, "docs", "openapi.json");
        }
    }

    public static JsonElement Root => JsonDocument.Parse(Bytes.Value).RootElement.Clone();

    /// <summary>Every operation as (method upper-case, path, operation object).</summary>
    public static IReadOnlyList<(string Method, string Path, JsonElement Operation)> Operations()
        => [.. Root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(member => HttpMethods.Contains(member.Name))
                .Select(member => (member.Name.ToUpperInvariant(), path.Name, member.Value)))];

    public static JsonElement Operation(string method, string path)
        => Root.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    /// <summary>Follows a local "$ref" ("#/components/...") if the element is one.</summary>
    public static JsonElement Resolve(JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out JsonElement reference))
        {
            element = Pointer(reference.GetString()!);
        }

        return element;
    }

    public static JsonElement Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are used: '{reference}'.");
        }

        JsonElement current = Root;
        foreach (string segment in reference[2..].Split('/'))
        {
            if (!current.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out current))
            {
                throw new KeyNotFoundException($"'{reference}' does not resolve.");
            }
        }

        return current;
    }
}
