using System.Text;
using System.Text.RegularExpressions;

namespace CoSell.Integration.Tests.Secrets;

/// <summary>One place a secret showed up: where, which secret or pattern, and the text around it.</summary>
internal sealed record SecretLeak(string Source, string Secret, string Excerpt);

/// <summary>
/// Looks for known secret values (as configured, and base64-encoded) and for the shapes secrets take in general:
/// SendGrid keys, storage account keys and SAS signatures, Authorization header values.
/// </summary>
internal static partial class SecretScan
{
    static readonly (string Name, Regex Pattern)[] Patterns =
    [
        ("a SendGrid key (SG.…)", SendGridKey()),
        ("AccountKey=", AccountKey()),
        ("SharedAccessSignature", SharedAccessSignature()),
        ("sig= (SAS signature)", SasSignature()),
        ("an Authorization header value", AuthorizationValue()),
    ];

    /// <param name="secrets">Name → value of every secret the host was configured with.</param>
    /// <param name="texts">Source label → text to search (a log line, a mail, a response).</param>
    public static IReadOnlyList<SecretLeak> Find(IReadOnlyDictionary<string, string> secrets, IEnumerable<(string Source, string Text)> texts)
    {
        var needles = secrets
            .SelectMany(s => new[] { (s.Key, s.Value), (s.Key + " (base64)", Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Value))) })
            .ToList();
        var leaks = new List<SecretLeak>();
        foreach ((string source, string text) in texts)
        {
            foreach ((string name, string value) in needles)
            {
                int at = text.IndexOf(value, StringComparison.Ordinal);
                if (at >= 0)
                {
                    leaks.Add(new SecretLeak(source, name, Excerpt(text, at, value.Length)));
                }
            }

            foreach ((string name, Regex pattern) in Patterns)
            {
                Match match = pattern.Match(text);
                if (match.Success)
                {
                    leaks.Add(new SecretLeak(source, name, Excerpt(text, match.Index, match.Length)));
                }
            }
        }

        return leaks;
    }

    static string Excerpt(string text, int at, int length)
    {
        int start = Math.Max(0, at - 80);
        int end = Math.Min(text.Length, at + length + 80);
        return text[start..end].ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"\bSG\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex SendGridKey();

    [GeneratedRegex("AccountKey=", RegexOptions.IgnoreCase)]
    private static partial Regex AccountKey();

    [GeneratedRegex("SharedAccessSignature", RegexOptions.IgnoreCase)]
    private static partial Regex SharedAccessSignature();

    [GeneratedRegex(@"\bsig=", RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"\b(Bearer|SharedKey|SharedKeyLite|Basic)\s+[A-Za-z0-9._~+/=:-]{8,}")]
    private static partial Regex AuthorizationValue();
}
