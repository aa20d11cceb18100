namespace CoSell.Domain.Rules;

internal static class HttpsUrls
{
    /// <summary>Null when <paramref name="url"/> is a well-formed absolute https URL with a host; otherwise what is wrong, in plain words.</summary>
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "none is given; add the https address.";
        }

        if (url.Trim().Length != url.Length || url.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            return $"'{Shorten(url)}' is not a well-formed absolute URL; use a full address such as https://www.contoso.com/product.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"'{Shorten(url)}' must use https.";
        }

        return null;
    }

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..97] + "...";
}
