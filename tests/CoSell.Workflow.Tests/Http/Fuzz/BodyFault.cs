using System.Text;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>A body (JSON or CSV bytes) with exactly one thing wrong, the error key a 400 must name (null: any) and what it must say.</summary>
internal sealed record BodyFault(string Why, byte[] Body, string? Field, string? Says = null)
{
    /// <summary>The case of sending this body to <paramref name="request"/>: a 400 naming the field, nothing changed.</summary>
    public FuzzCase To(FuzzRequest request, string contentType) => new(Why, request.WithBody(contentType, Body), Refusal.Problem(400, Field, Says));
}

/// <summary>Bodies with bytes that are not UTF-8 where a marker character stands.</summary>
internal static class NotUtf8
{
    /// <summary>A private-use character the generators never produce otherwise.</summary>
    public const char Marker = '\uE000';

    /// <summary>UTF-8, except that each <see cref="Marker"/> becomes <paramref name="bad"/> (0xFF, or e.g. 0x93, a Windows-1252 curly quote).</summary>
    public static byte[] Encode(string text, byte bad = 0xFF)
        => [.. text.Split(Marker).SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [bad, .. Encoding.UTF8.GetBytes(part)])];
}
