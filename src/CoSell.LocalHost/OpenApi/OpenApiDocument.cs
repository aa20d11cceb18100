namespace CoSell.LocalHost.OpenApi;

/// <summary>
/// Serves the hand-written OpenAPI document of the portal API (docs/openapi.json, embedded in this assembly so there
/// is one copy) at <see cref="Path"/>. A host page like the mailbox, not a product route.
/// </summary>
public static class OpenApiDocument
{
    public const string Path = "/openapi.json";

    /// <summary>Logical name of the embedded resource (set in the .csproj).</summary>
    public const string ResourceName = "openapi.json";

    static readonly Lazy<byte[]> Bytes = new(Load);

    /// <summary>The embedded document, byte for byte as checked in.</summary>
    public static ReadOnlyMemory<byte> Content => Bytes.Value;

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(Bytes.Value, "application/json; charset=utf-8");
        });
        return app;
    }

    static byte[] Load()
    {
        using Stream stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the local host assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
