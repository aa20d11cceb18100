using System.Globalization;
using System.Text.RegularExpressions;
using CoSell.Domain;

namespace CoSell.Workflow.Http;

/// <summary>Shape rules for path values and small fields; ids, countries and e-mail follow the domain's rules.</summary>
internal static partial class InputRules
{
    public const string OutsideListedCountries = CountryCodes.AllOtherCountries;

    public static bool IsValidId(string? value) => Ids.IsValid(value);

    public static bool IsValidCountryCode(string? value) => CountryCodes.IsKnown(value);

    public static bool IsValidMonth(string? value) => value is not null && MonthPattern().IsMatch(value);

    public static bool IsValidEmail(string? value) => EmailAddresses.IsValid(value);

    public static bool IsValidHttpUrl(string? value)
        => value is not null && value.Length <= 2048 && ControlCharacterProblem(value) is null
            && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Why a text (a name, a title, a URL) is refused: it holds a control character (NUL, escape, DEL, C1, and unless
    /// <paramref name="lineBreaks"/> also tab, CR and LF). Such text is stored and then shown in pages and e-mails;
    /// null when the text is fine. Other Unicode (bidi and zero-width marks, combining sequences, emoji) is kept as typed.
    /// </summary>
    /// <param name="lineBreaks">True for text that may span lines (a spreadsheet cell typed with Alt+Enter).</param>
    public static string? ControlCharacterProblem(string? value, bool lineBreaks = false)
    {
        for (int i = 0; i < (value?.Length ?? 0); i++)
        {
            char c = value![i];
            if (char.IsControl(c) && !(lineBreaks && c is '\t' or '\n' or '\r'))
            {
                return $"Control characters are not allowed (U+{(int)c:X4} at character {i + 1}).";
            }
        }

        return null;
    }

    /// <summary>A plain file name: no path separators, no "..", an accepted extension (SPEC §4).</summary>
    public static string? FileNameProblem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "A file name is required.";
        }

        if (fileName.Length > 128)
        {
            return "The file name is longer than 128 characters.";
        }

        if (fileName.Contains("..", StringComparison.Ordinal) || !FileNamePattern().IsMatch(fileName))
        {
            return "Use letters, digits, spaces, '.', '_' and '-' only, starting with a letter or digit (no paths).";
        }

        string extension = Path.GetExtension(fileName).ToLowerInvariant();
        return AcceptedExtensions.Contains(extension)
            ? null
            : $"The extension '{extension}' is not accepted; use one of {string.Join(", ", AcceptedExtensions)}.";
    }

    public static IReadOnlyList<string> AcceptedExtensions { get; } = [".pdf", ".ppt", ".pptx", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".png", ".mp4"];

    /// <summary>The route slug of each document type.</summary>
    public static string ToSlug(DocumentType type) => type switch
    {
        DocumentType.OnePager => "one-pager",
        DocumentType.Presentation => "presentation",
        DocumentType.ReferenceArchitecture => "reference-architecture",
        DocumentType.CaseStudy => "case-study",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static bool TryParseSlug(string? slug, out DocumentType type)
    {
        foreach (DocumentType candidate in Enum.GetValues<DocumentType>())
        {
            if (string.Equals(ToSlug(candidate), slug, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string DocumentSlugs => string.Join(", ", Enum.GetValues<DocumentType>().Select(ToSlug));

    public static bool TryParsePositiveInt(string? value, out int result)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result > 0;

    // \z, not $: "$" also matches before a final line break, and "2026-08\n" is not a month.
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])\z", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ -]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
