using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CoSell.Workflow.Http;

/// <summary>The outcome of reading a request body: the value, or the 4xx answer.</summary>
public readonly record struct BodyResult<T>(T? Value, IResult? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>Factory for failed <see cref="BodyResult{T}"/>s.</summary>
public static class BodyResult
{
    public static BodyResult<T> Fail<T>(IResult problem) => new(default, problem);
}

/// <summary>Reads request bodies with a size cap; bad input becomes a 4xx, never an exception.</summary>
public static class RequestBody
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the whole body, refusing (413) anything over <paramref name="maxBytes"/> before buffering it.</summary>
    public static async Task<BodyResult<byte[]>> ReadBytesAsync(HttpRequest request, long maxBytes, string field, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared && declared > maxBytes)
        {
            return BodyResult.Fail<byte[]>(HttpProblems.TooLarge(field, maxBytes));
        }

        // Let the server accept up to our own limit (Kestrel's default is 30 MB); we enforce the limit ourselves.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes + 1;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        try
        {
            while (true)
            {
                int read = await request.Body.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > maxBytes)
                {
                    return BodyResult.Fail<byte[]>(HttpProblems.TooLarge(field, maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return BodyResult.Fail<byte[]>(ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? HttpProblems.TooLarge(field, maxBytes)
                : HttpProblems.Validation(field, "The request body could not be read completely."));
        }

        return new BodyResult<byte[]>(buffer.ToArray(), null);
    }

    /// <summary>Reads a JSON body (415 for another content type, 413 over the cap, 400 for malformed JSON, wrong types or unknown fields).</summary>
    public static async Task<BodyResult<T>> ReadJsonAsync<T>(HttpRequest request, int maxBytes, string root, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return BodyResult.Fail<T>(HttpProblems.UnsupportedMediaType("application/json"));
        }

        BodyResult<byte[]> bytes = await ReadBytesAsync(request, maxBytes, "body", cancellationToken);
        if (!bytes.IsValid)
        {
            return BodyResult.Fail<T>(bytes.Problem!);
        }

        return ParseJson<T>(bytes.Value!, root);
    }

    /// <summary>Parses UTF-8 JSON (a leading UTF-8 BOM, which RFC 8259 lets parsers ignore, is skipped).</summary>
    public static BodyResult<T> ParseJson<T>(byte[] utf8, string root = "body")
        where T : class
    {
        ReadOnlySpan<byte> json = utf8.AsSpan().StartsWith(Utf8Bom) ? utf8.AsSpan(Utf8Bom.Length) : utf8;
        if (json.Length == 0)
        {
            return BodyResult.Fail<T>(HttpProblems.Validation(root, "The body is empty; send JSON."));
        }

        try
        {
            T? value = JsonSerializer.Deserialize<T>(json, ApiJson.Options);
            return value is null
                ? BodyResult.Fail<T>(HttpProblems.Validation(root, "The body is JSON null."))
                : new BodyResult<T>(value, null);
        }
        catch (JsonException ex)
        {
            string field = ApiJson.FieldOf(ex, root);
            return BodyResult.Fail<T>(HttpProblems.Validation(field, ApiJson.Explain(ex, field)));
        }
    }

    /// <summary>Decodes UTF-8 text (a leading BOM is dropped); invalid UTF-8 is a 400.</summary>
    public static BodyResult<string> DecodeUtf8(byte[] bytes, string field)
    {
        try
        {
            string text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return new BodyResult<string>(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, null);
        }
        catch (DecoderFallbackException)
        {
            return BodyResult.Fail<string>(HttpProblems.Validation(field, "The text is not valid UTF-8."));
        }
    }
}
