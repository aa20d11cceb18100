using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>Generated strings that no route, id or field rule should accept as they are.</summary>
internal static class Hostile
{
    /// <summary>Path traversal as a client can deliver it to the router: raw, percent-encoded once more, or with backslashes.</summary>
    public static readonly string[] Traversal =
    [
        "..", ".", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%2F", "%2f", "%5C", "\\", "..\\", "..%2F", "%2e%2e%2f", "..%5C",
        "%252e%252e", "%252F", "%c0%ae%c0%ae", "%c0%af", "%uff0e%uff0e", "..;", "?x=1", "#x", "%00", "%", "%ZZ", "*", "~",
    ];

    /// <summary>Unicode that looks harmless or invisible: zero-width, bidi, combining, non-BMP, look-alikes.</summary>
    public static readonly string[] OddUnicode =
    [
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u202E", "\u202D", "\u2066", "\u2069", "\u200F", "\u061C",
        "e\u0301", "A\u030A\u0323", "\u0336\u0336", "\U0001F600", "\U0001D518", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\u01C5", "\u00A0", "\u3000", "\u0130", "\u00DF", "\uFF0E\uFF0E", "\u2215", "\uFE68", "\u0410", "\uFFFD", "\uFFFF",
    ];

    /// <summary>C0 and C1 control characters (NUL, bell, escape, DEL, next line, ...), not the ones trimmed at the edges.</summary>
    public static readonly string[] Controls = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0085", "\u009B", "\u009F", "\t", "\n", "\r"];

    /// <summary>The controls refused even where line breaks are kept (contact cells may span lines).</summary>
    public static readonly string[] ControlsBesidesLineBreaks = [.. Controls.Except(["\t", "\n", "\r"])];

    /// <summary>Spreadsheet formula prefixes (CSV injection), including the tab and CR variants.</summary>
    public static readonly string[] FormulaPrefixes = ["=", "+", "-", "@", "\t=", "\r=", "=cmd|' /C calc'!", "+SUM(", "-2+", "@SUM("];

    private static readonly Gen<string> Filler = Gen.Char["abcxyz0129-_"].Array[0, 6].Select(c => new string(c));

    /// <summary>A lower-case id that passes the id rule (3 to 50 of a-z, 0-9, '-').</summary>
    public static readonly Gen<string> ValidId = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[3, 30].Select(c => "z" + new string(c));

    /// <summary>
    /// A path segment that fails every segment rule: it contains traversal, a control (never NUL: hosts refuse it before
    /// routing), odd Unicode, or is too long, on its own, inside filler, or as a prefix/suffix of <paramref name="valid"/>.
    /// Never a '/' (that would be another route).
    /// </summary>
    public static Gen<string> Segment(string valid)
    {
        Gen<string> token = Gen.OneOf(
            Gen.OneOfConst(Traversal),
            Gen.OneOfConst(OddUnicode),
            Gen.OneOfConst(Controls[1..]),
            Gen.Const(" "));
        return Gen.Frequency(
            (2, token),
            (2, Gen.Select(Filler, token, Filler, (a, t, b) => a + t + b)),
            (3, Gen.Select(token, Gen.Bool, (t, suffix) => suffix ? valid + t : t + valid)),
            (2, Gen.OneOfConst("\n", "\r\n", "\r", "\t", " ", "\u0085", "\u2028", "\u00A0").Select(end => valid + end)),
            (1, Gen.Int[129, 3000].Select(n => new string('a', n))),
            (1, Gen.Int[60, 300].Select(n => valid + new string('9', n))));
    }

    /// <summary>The classic attacks on a segment, tried on every route besides the generated ones.</summary>
    public static string[] ClassicSegments(string valid) =>
        ["..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "..\\..\\windows", "%2F", valid + "\n", valid + " ", valid + "%00", "\u202E" + valid, valid + "\u200B", new string('a', 2048)];

    /// <summary>Content types that are not <paramref name="accepted"/> (compared by media type, case-insensitive); null = none sent.</summary>
    public static Gen<string?> ContentType(params string[] accepted)
        => Gen.OneOfConst<string?>(
                null, string.Empty, "text/plain", "text/html", "application/xml", "application/octet-stream", "application/pdf",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json", "text/csv",
                "application/jsonx", "json", "application", "csv", "text/csv2", "image/png", ";;", "*/*", "\u00E9/x")
            .Where(type => type is null || !accepted.Any(a => type.Split(';')[0].Trim().Equals(a, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Text of a given length made of letters and spaces (for "too long" fields).</summary>
    public static Gen<string> LongText(int min, int max) => Gen.Int[min, max].Select(n => string.Concat(Enumerable.Repeat("Lorem ipsum ", (n / 12) + 1))[..n].Trim() + "x");
}
