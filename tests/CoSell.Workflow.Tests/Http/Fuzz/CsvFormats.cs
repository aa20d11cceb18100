using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>The two CSV imports: Partner Center's sales contacts and the monthly revenue feed.</summary>
internal static class CsvFormats
{
    private const string MaxUsd = "79228162514264337593543950335";

    public static readonly CsvColumn[] Contacts =
    [
        new("Name", true, r => $"Ana Silva {r}", ["", " "]),
        new("Email", true, r => $"seller{r}@contoso.example", ["", "ana", "ana@", "@contoso.example", "ana@contoso", "=HYPERLINK(\"http://x\")", "ana@contoso.example;bob@contoso.example", "ana silva@contoso.example"]),
        new("Job title", true, _ => "Account executive", []),
        new("Role", true, _ => "Sales", []),
        new("Countries", true, r => r % 3 == 0 ? "US;CA" : r % 3 == 1 ? "US, CA" : "OOO", ["", "XX", "USA", "=US", "+US", "@US", "-US", "US;ZZ", "U S", "\tUS\t=1", "=1+1"]),
        new("States", false, r => r % 2 == 0 ? "WA;OR" : string.Empty, []),
    ];

    public static readonly CsvColumn[] Revenue =
    [
        new("organisationId", true, r => $"org-{r}", ["Contoso", "=1+1", "+org", "@org", "org/../x", "..", "org\\x", "ab", new string('a', 51), "org_1", "org 1", "\u200Borg", "-1+1", "=cmd|' /C calc'!A0"]),
        new("month", true, _ => FuzzApp.Month, ["2026-09", "2026-8", "=2026-08", "2026-08-01", "", "08-2026", "2026-13", "+2026-08", "2026\u201308"]),
        new("acrTtmUsd", true, r => r % 2 == 0 ? "125000.50" : "0", ["+5", "-1", "-0", "1e5", "1,000", "=1", "@1", "", "1.2.3", "NaN", "Infinity", "\u0661\u0662\u0663", "$100", "100 USD", "0x10", "(5)", "1 000", MaxUsd + "0", "1000000000000000.01"]),
        new("isvConnectPremium", false, r => r % 2 == 0 ? "true" : "False", ["yes", "no", "1", "0", "=TRUE()", "tru", "T", "+true"]),
        new("goldCompetency", false, r => r % 3 == 0 ? string.Empty : "TRUE", ["yes", "1", "=FALSE()", "@false"]),
        new("billedRevenue", false, r => r % 2 == 0 ? $"saas-{r}:60000;vm-{r}:45000.25" : string.Empty,
            ["saas", "saas:", ":100", "Saas:1", "saas:-1", "saas:1e3", "saas:1;saas:2", "=saas:1", "saas:1,vm:2", "@saas:1", $"saas:{MaxUsd};vm:{MaxUsd}", "saas:1000000000000000.01"]),
    ];

    /// <summary>Contacts-only faults: one e-mail on two rows, more rows than allowed, text too long, control characters.</summary>
    public static Gen<BodyFault> ContactFaults(CsvSheet sheet, CsvStyle style)
    {
        int rows = sheet.Rows.Count;
        string[] texts = [.. new[] { "Name", "Job title", "Role", "States" }.Where(sheet.Columns.Contains)];
        return Gen.OneOf(
            Gen.Const(CsvFaults.Fault("an e-mail on two rows", sheet.WithRow(sheet.Rows[0]), style, $"line {CsvSheet.LineOf(rows)}, Email", "line 2")),
            Gen.Int[FuzzApp.Limits.MaxContacts + 1, FuzzApp.Limits.MaxContacts + 4].SelectMany(n => CsvSheet.Valid(Contacts, 1).Select(one =>
                CsvFaults.Fault($"{n} contacts", one with { Rows = [.. Enumerable.Range(0, n).Select(r => (IReadOnlyList<string>)[.. one.Columns.Select(c => Contacts.Single(k => k.Name == c).Valid(r))])] }, style, $"line {CsvSheet.LineOf(FuzzApp.Limits.MaxContacts)}", "At most"))),
            Gen.Select(Gen.OneOfConst(texts), Gen.Int[0, rows - 1], Hostile.LongText(201, 2000), (column, row, text) =>
                CsvFaults.Fault($"{column} of {text.Length} chars", sheet.WithCell(row, column, text), style, $"line {CsvSheet.LineOf(row)}, {column}")),
            Gen.Select(Gen.OneOfConst(texts), Gen.Int[0, rows - 1], Gen.OneOfConst(Hostile.ControlsBesidesLineBreaks[1..]), (column, row, control) =>
                CsvFaults.Fault($"{column} with U+{(int)control[0]:X4}", sheet.WithCell(row, column, "Ana" + control + "Silva"), style, $"line {CsvSheet.LineOf(row)}, {column}", "Control characters")));
    }

    /// <summary>Revenue-only faults: one organisation on two rows.</summary>
    public static Gen<BodyFault> RevenueFaults(CsvSheet sheet, CsvStyle style)
        => Gen.Const(CsvFaults.Fault("an organisation on two rows", sheet.WithRow(sheet.Rows[0]), style, $"line {CsvSheet.LineOf(sheet.Rows.Count)}, organisationId", "line 2"));
}
