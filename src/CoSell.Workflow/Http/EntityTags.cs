using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>Maps the store's ETag to the HTTP ETag header and checks If-Match.</summary>
public static class EntityTags
{
    /// <summary>The header form: the store's tag as-is when already quoted (e.g. Azure Tables' W/"..."), otherwise quoted.</summary>
    public static string ToHeader(string? storeETag)
    {
        if (string.IsNullOrEmpty(storeETag))
        {
            return "\"\"";
        }

        return storeETag.StartsWith('"') || storeETag.StartsWith("W/\"", StringComparison.Ordinal) ? storeETag : $"\"{storeETag}\"";
    }

    /// <summary>The If-Match header, or null when the caller sent none.</summary>
    public static string? IfMatch(HttpRequest request)
    {
        string? value = request.Headers[HeaderNames.IfMatch].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>True when <paramref name="ifMatch"/> ("*", or a list of tags) names the stored version.</summary>
    public static bool Matches(string ifMatch, string? storeETag)
    {
        string current = ToHeader(storeETag);
        foreach (string candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(candidate, current, StringComparison.Ordinal) || string.Equals(candidate, storeETag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static void Set(HttpResponse response, string? storeETag) => response.Headers[HeaderNames.ETag] = ToHeader(storeETag);
}
