using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>
/// CSV files of a format with exactly one thing wrong: the header (missing, repeated, unknown column), the structure
/// (cells per row, quotes), one cell, the encoding (UTF-16, Latin-1, Windows-1252), or nothing at all.
/// Each names the line (and column) a 400 must name.
/// </summary>
internal static class CsvFaults
{
    private static readonly string[] UnknownColumns = ["E-mail", "Phone", "Notes", "=cmd", "\u200BName", "col;2", "\u540D\u524D", "acrUsd", "organisation", "Countries2"];

    /// <param name="specific">Faults only this format has (duplicates across rows, too many rows, ...).</param>
    public static Gen<BodyFault> For(CsvColumn[] format, int maxRows, Func<CsvSheet, CsvStyle, Gen<BodyFault>> specific)
        => Gen.Select(CsvSheet.Valid(format, maxRows), CsvStyle.Any).SelectMany(pair => Gen.Frequency(
            (3, Header(format, pair.Item1, pair.Item2)),
            (2, Structure(pair.Item1, pair.Item2)),
            (4, Cells(format, pair.Item1, pair.Item2)),
            (3, Encodings(pair.Item1, pair.Item2)),
            (1, Gen.OneOfConst(string.Empty, "\uFEFF", "\n\n", "\r\n").Select(text => new BodyFault($"empty file {FuzzRequest.Visible(text, 8)}", CsvEncodings.Utf8(text), "line 1", "empty"))),
            (3, specific(pair.Item1, pair.Item2))));

    public static BodyFault Fault(string why, CsvSheet sheet, CsvStyle style, string field, string? says = null)
        => new($"{why} ({style})\n{sheet}", NotUtf8.Encode(sheet.Text(style)), field, says);

    private static Gen<BodyFault> Header(CsvColumn[] format, CsvSheet sheet, CsvStyle style)
    {
        string[] required = [.. format.Where(c => c.Required).Select(c => c.Name)];
        return Gen.OneOf(
            Gen.OneOfConst(required).Select(c => Fault($"no {c} column", sheet.WithoutColumn(c), style, "line 1", $"'{c}'")),
            Gen.OneOfConst([.. sheet.Columns]).Select(c => Fault($"{c} twice", sheet.WithColumn(c, r => sheet.Cell(r, c)), style, "line 1", "twice")),
            Gen.OneOfConst([.. UnknownColumns.Where(u => !format.Any(c => c.Name.Equals(u.Trim(), StringComparison.OrdinalIgnoreCase)))])
                .Select(u => Fault($"unknown column {u}", sheet.WithColumn(u, _ => "x"), style, "line 1", "Unknown column")));
    }

    private static Gen<BodyFault> Structure(CsvSheet sheet, CsvStyle style)
    {
        int last = sheet.Rows.Count - 1;
        return Gen.Int[0, last].SelectMany(row =>
        {
            string line = $"line {CsvSheet.LineOf(row)}";
            List<string> lines = sheet.Lines(style);
            string Edited(string newLine) => CsvSheet.Join(lines.Select((l, i) => i == row + 1 ? newLine : l), style);
            return Gen.OneOfConst(
                new BodyFault($"extra cell on {line}", NotUtf8.Encode(Edited(lines[row + 1] + ",extra")), line, "Expected"),
                new BodyFault($"a cell short on {line}", NotUtf8.Encode(Edited(CsvSheet.Line(sheet.Rows[row].SkipLast(1), style))), line, "Expected"),
                new BodyFault($"text after a closing quote on {line}", NotUtf8.Encode(Edited("\"bad\"x," + lines[row + 1])), line, "closing quote"),
                new BodyFault($"quote never closed on line {CsvSheet.LineOf(last)}", NotUtf8.Encode(CsvSheet.Join([.. lines[..^1], lines[^1] + ",\"open"], style)), $"line {CsvSheet.LineOf(last)}", "never closed"));
        });
    }

    private static Gen<BodyFault> Cells(CsvColumn[] format, CsvSheet sheet, CsvStyle style)
    {
        CsvColumn[] ruled = [.. format.Where(c => c.Invalid.Length > 0 && sheet.Columns.Contains(c.Name))];
        return Gen.Select(Gen.OneOfConst(ruled), Gen.Int[0, sheet.Rows.Count - 1], (column, row) => (column, row)).SelectMany(x =>
            Gen.OneOfConst(x.column.Invalid).Select(value =>
                Fault($"{x.column.Name} = {FuzzRequest.Visible(value, 80)}", sheet.WithCell(x.row, x.column.Name, value), style, $"line {CsvSheet.LineOf(x.row)}, {x.column.Name}")));
    }

    private static Gen<BodyFault> Encodings(CsvSheet sheet, CsvStyle style)
    {
        string text = sheet.Text(style);
        return Gen.OneOf(
            Gen.Select(Gen.Bool, Gen.Bool, (bigEndian, bom) => new BodyFault(
                $"UTF-16 {(bigEndian ? "BE" : "LE")} {(bom ? "with" : "without")} BOM", CsvEncodings.Utf16(text, bigEndian, bom), "line 1", "UTF-16")),
            Gen.Select(Gen.Int[0, sheet.Rows.Count - 1], Gen.OneOfConst("\u00E9", "\u00F1", "\u00FC", "\u00DF", "\u00F8"), (row, accent) =>
            {
                CsvSheet accented = sheet.WithCell(row, sheet.Columns[0], sheet.Rows[row][0] + accent + "x");
                return new BodyFault($"Latin-1 {accent} on line {CsvSheet.LineOf(row)}", CsvEncodings.Latin1(accented.Text(style)), $"line {CsvSheet.LineOf(row)}", "UTF-8");
            }),
            Gen.Select(Gen.Int[0, sheet.Rows.Count - 1], Gen.OneOfConst<byte>(0x93, 0x94, 0x96, 0xA0, 0xC0, 0xFF), (row, bad) =>
            {
                CsvSheet marked = sheet.WithCell(row, sheet.Columns[0], sheet.Rows[row][0] + NotUtf8.Marker + "x");
                return new BodyFault($"byte 0x{bad:X2} on line {CsvSheet.LineOf(row)}", NotUtf8.Encode(marked.Text(style), bad), $"line {CsvSheet.LineOf(row)}", "UTF-8");
            }),
            Gen.Int[0, sheet.Rows.Count - 1].Select(row =>
                Fault($"NUL on line {CsvSheet.LineOf(row)}", sheet.WithCell(row, sheet.Columns[0], sheet.Rows[row][0] + "\u0000x"), style, $"line {CsvSheet.LineOf(row)}", "U+0000")));
    }
}
