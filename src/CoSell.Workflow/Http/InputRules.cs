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
        => value is not null && value.Length <= 2048
            && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

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

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ -]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
