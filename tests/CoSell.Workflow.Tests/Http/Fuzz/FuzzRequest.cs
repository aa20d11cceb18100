using System.Globalization;
using System.Text;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>
/// One generated request, sent field by field to the test server: the path reaches the router exactly as written
/// (no client-side URI clean-up), headers may hold any text, and the body may come with or without Content-Length.
/// </summary>
internal sealed record FuzzRequest(string Method, string Path)
{
    public string? ContentType { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>False sends the body without Content-Length, as a chunked upload would arrive.</summary>
    public bool DeclareLength { get; init; } = true;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The credential the route asks for (partner contoso or the admin key); anonymous routes get none.</summary>
    public static FuzzRequest For(ApiRoute route, string path)
    {
        var request = new FuzzRequest(route.Method, path);
        return route.Auth switch
        {
            RouteAuth.Partner => request.WithHeader(ApiKeyPartnerAuthenticator.PartnerKeyHeader, ApiTestApp.ContosoKey),
            RouteAuth.Admin => request.WithHeader(ApiKeyPartnerAuthenticator.AdminKeyHeader, ApiTestApp.AdminKey),
            _ => request,
        };
    }

    public FuzzRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, KeyValuePair.Create(name, value)] };

    public FuzzRequest WithoutHeader(string name) => this with { Headers = [.. Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))] };

    public FuzzRequest WithBody(string? contentType, byte[] body) => this with { ContentType = contentType, Body = body };

    public FuzzRequest WithBody(string? contentType, string body) => WithBody(contentType, Encoding.UTF8.GetBytes(body));

    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(Visible(Path, 400));
        foreach ((string name, string value) in Headers)
        {
            text.Append("\n  ").Append(name).Append(": ").Append(Visible(value, 80));
        }

        text.Append("\n  Content-Type: ").Append(ContentType is null ? "(none)" : Visible(ContentType, 80));
        if (Body is not null)
        {
            text.Append("\n  body (").Append(Body.Length).Append(" bytes").Append(DeclareLength ? ", Content-Length" : ", no Content-Length").Append("): ")
                .Append(Visible(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)), 600));
        }

        return text.ToString();
    }

    /// <summary>Control, format and surrogate characters as \uXXXX, so a failing case can be read and typed in again.</summary>
    internal static string Visible(string value, int max)
    {
        var text = new StringBuilder();
        foreach (char c in value.Length > max ? value[..max] : value)
        {
            bool plain = c is >= ' ' and < '\u007F';
            text.Append(plain ? c.ToString() : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return value.Length > max ? text.Append($"… ({value.Length} chars)").ToString() : text.ToString();
    }
}

/// <summary>What came back: status, content type, the body as text and the Allow header.</summary>
internal sealed record FuzzAnswer(int Status, string? ContentType, string Body, string Allow, string CacheControl)
{
    public override string ToString() => $"{Status} {ContentType} {FuzzRequest.Visible(Body, 1500)}";
}

internal static class FuzzSending
{
    public static async Task<FuzzAnswer> SendAsync(this FuzzApp fuzz, FuzzRequest request)
    {
        HttpContext context = await fuzz.App.SendRawAsync(c =>
        {
            c.Request.Method = request.Method;
            c.Request.Path = new PathString(request.Path);
            foreach ((string name, string value) in request.Headers)
            {
                c.Request.Headers.Append(name, value);
            }

            if (request.ContentType is not null)
            {
                c.Request.ContentType = request.ContentType;
            }

            if (request.Body is not null)
            {
                c.Request.Body = new MemoryStream(request.Body, writable: false);
                c.Request.ContentLength = request.DeclareLength ? request.Body.Length : null;
            }
        });
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync();
        return new FuzzAnswer(
            context.Response.StatusCode,
            context.Response.ContentType,
            body,
            context.Response.Headers.Allow.ToString(),
            context.Response.Headers.CacheControl.ToString());
    }
}
