using System.Text;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>One column of an import format: its header name, a valid cell for row i, and cells that break its rule.</summary>
internal sealed record CsvColumn(string Name, bool Required, Func<int, string> Valid, string[] Invalid);

/// <summary>How a sheet is written out: quoting, line ends, a UTF-8 BOM.</summary>
internal sealed record CsvStyle(bool QuoteAll, string NewLine, bool Bom)
{
    public static readonly Gen<CsvStyle> Any = Gen.Select(Gen.Bool, Gen.OneOfConst("\n", "\r\n", "\r"), Gen.Bool, (q, n, b) => new CsvStyle(q, n, b));

    public override string ToString() => $"quote all={QuoteAll} newline={FuzzRequest.Visible(NewLine, 4)} bom={Bom}";
}

/// <summary>A CSV file as cells: header names and rows (row r is on line r + 2 while no cell holds a line break).</summary>
internal sealed record CsvSheet(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A valid sheet of the format: required columns plus any optional ones, in any order, with 1 to <paramref name="maxRows"/> rows.</summary>
    public static Gen<CsvSheet> Valid(CsvColumn[] format, int maxRows)
        => Gen.Select(Gen.Bool.Array[format.Length], Gen.Int[1, maxRows], (optional, rows) => (optional, rows))
            .SelectMany(x => Gen.Shuffle(format.Where((c, i) => c.Required || x.optional[i]).ToArray()).Select(columns =>
                new CsvSheet(
                    [.. columns.Select(c => c.Name)],
                    [.. Enumerable.Range(0, x.rows).Select(r => (IReadOnlyList<string>)[.. columns.Select(c => c.Valid(r))])])));

    public static int LineOf(int row) => row + 2;

    public string Cell(int row, string column) => Rows[row][Index(column)];

    public CsvSheet WithCell(int row, string column, string value)
        => this with { Rows = [.. Rows.Select((cells, r) => r != row ? cells : (IReadOnlyList<string>)[.. cells.Select((cell, c) => c == Index(column) ? value : cell)])] };

    public CsvSheet WithoutColumn(string column)
        => new([.. Columns.Where(c => c != column)], [.. Rows.Select(cells => (IReadOnlyList<string>)[.. cells.Where((_, c) => c != Index(column))])]);

    public CsvSheet WithColumn(string name, Func<int, string> cell)
        => new([.. Columns, name], [.. Rows.Select((cells, r) => (IReadOnlyList<string>)[.. cells, cell(r)])]);

    public CsvSheet WithRow(IReadOnlyList<string> cells) => this with { Rows = [.. Rows, cells] };

    /// <summary>The lines of the file (header first), each cell quoted when the style or its content asks for it.</summary>
    public List<string> Lines(CsvStyle style)
        => [Line(Columns, style), .. Rows.Select(cells => Line(cells, style))];

    public string Text(CsvStyle style) => Join(Lines(style), style);

    public static string Join(IEnumerable<string> lines, CsvStyle style) => (style.Bom ? "\uFEFF" : string.Empty) + string.Join(style.NewLine, lines) + style.NewLine;

    public static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => FuzzRequest.Visible(Text(new CsvStyle(false, "\n", false)), 400);

    public static string Line(IEnumerable<string> cells, CsvStyle style)
        => string.Join(",", cells.Select(cell => style.QuoteAll || cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? Quote(cell) : cell));

    private int Index(string column) => Columns.ToList().IndexOf(column);
}

/// <summary>Text in the encodings people save spreadsheets in.</summary>
internal static class CsvEncodings
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>UTF-16 little or big endian, with or without its byte-order mark.</summary>
    public static byte[] Utf16(string text, bool bigEndian, bool bom)
    {
        byte[] mark = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE];
        return [.. bom ? mark : [], .. new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(text.TrimStart('\uFEFF'))];
    }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text.TrimStart('\uFEFF'));
}
