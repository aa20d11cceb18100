using System.Text;

namespace CoSell.Workflow.Http;

/// <summary>One CSV record and the (1-based) line it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>One problem in an uploaded CSV file, with the line a person can find it on.</summary>
/// <param name="Column">The column the problem is in, when it is about one cell.</param>
public sealed record CsvError(int Line, string? Column, string Message)
{
    /// <summary>The problem-details field name: "line 3" or "line 3, Email".</summary>
    public string Field => Column is null ? $"line {Line}" : $"line {Line}, {Column}";
}

/// <summary>
/// A small RFC 4180 reader: comma separated, fields optionally in double quotes, "" is a quote inside quotes,
/// quoted fields may span lines, CRLF / LF / CR line ends, blank lines skipped, a leading BOM ignored.
/// Cells are returned verbatim: a cell starting with = + - @ is data, never a formula; nothing here evaluates it.
/// </summary>
public static class Csv
{
    /// <summary>
    /// The text of an uploaded file, which must be UTF-8 (a leading BOM is fine). A UTF-16 file (byte-order mark or NUL
    /// bytes) and bytes that are not UTF-8 (a Latin-1 or Windows-1252 export) are refused with the line and character
    /// where they start, so the person can find them.
    /// </summary>
    public static (string? Text, CsvError? Error) Decode(byte[] bytes)
    {
        const string SaveAsUtf8 = "save it as \"CSV UTF-8\"";
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return (null, new CsvError(1, null, $"The file is UTF-16 (it starts with a UTF-16 byte-order mark); {SaveAsUtf8}."));
        }

        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            (int line, int column) = Position(bytes, nul);
            return (null, new CsvError(line, null, $"Character {column} is a NUL byte (U+0000): the file looks like UTF-16 or binary, not UTF-8 text; {SaveAsUtf8}."));
        }

        char[] chars = new char[bytes.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            (int line, int column) = Position(bytes, read);
            return (null, new CsvError(line, null, $"Character {column} (byte 0x{bytes[read]:X2}) is not UTF-8: the file looks like Latin-1 or Windows-1252; {SaveAsUtf8}."));
        }

        return (new string(chars, 0, written), null);
    }

    /// <summary>The 1-based line and character of a byte offset (CRLF, LF and CR end lines, as in <see cref="Read"/>).</summary>
    private static (int Line, int Column) Position(byte[] bytes, int offset)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.Length || bytes[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1);
    }

    /// <summary>Every record, or the first structural error (an unterminated quote, text after a closing quote).</summary>
    public static (IReadOnlyList<CsvRecord> Records, CsvError? Error) Read(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1;
        int recordLine = 1;

        while (position <= text.Length)
        {
            bool atEnd = position == text.Length;
            if (!atEnd && text[position] == '"' && field.Length == 0)
            {
                int quoteLine = line;
                position++;
                while (true)
                {
                    if (position == text.Length)
                    {
                        return (records, new CsvError(quoteLine, null, "A quoted field is never closed (missing '\"')."));
                    }

                    char c = text[position];
                    if (c == '"')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '"')
                        {
                            field.Append('"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    if (c == '\n' || (c == '\r' && (position + 1 == text.Length || text[position + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                    position++;
                }

                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    return (records, new CsvError(line, null, "Unexpected text after a closing quote; quote the whole field and double inner quotes."));
                }

                continue;
            }

            char current = atEnd ? '\n' : text[position];
            if (current == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                position++;
                continue;
            }

            if (current is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                bool blank = fields.Count == 1 && fields[0].Length == 0;
                if (!blank)
                {
                    records.Add(new CsvRecord(recordLine, fields.ToArray()));
                }

                fields.Clear();
                if (atEnd)
                {
                    break;
                }

                position += current == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
                continue;
            }

            field.Append(current);
            position++;
        }

        return (records, null);
    }

    /// <summary>
    /// Reads a CSV file whose first record is a header naming its columns (case-insensitive, any order).
    /// Returns the table, or every problem with the file's structure and header: unknown, repeated or missing columns.
    /// </summary>
    /// <param name="columnSeparator">How column names are joined in messages (e.g. ", " or "," to show the header as typed).</param>
    public static (CsvTable? Table, IReadOnlyList<CsvError> Errors) ReadTable(
        string text, IReadOnlyList<string> required, IReadOnlyList<string> known, string columnSeparator)
    {
        (IReadOnlyList<CsvRecord> records, CsvError? structural) = Read(text);
        if (structural is not null)
        {
            return (null, [structural]);
        }

        string columnList = string.Join(columnSeparator, known);
        if (records.Count == 0)
        {
            return (null, [new CsvError(1, null, "The file is empty; the first line must be the header: " + columnList + ".")]);
        }

        var errors = new List<CsvError>();
        CsvRecord header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Fields.Count; i++)
        {
            string name = header.Fields[i].Trim();
            string? match = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add(new CsvError(header.Line, null, $"Unknown column '{name}'; the columns are {columnList}."));
            }
            else if (!columns.TryAdd(match, i))
            {
                errors.Add(new CsvError(header.Line, null, $"Column '{match}' appears twice."));
            }
        }

        errors.AddRange(required.Where(r => !columns.ContainsKey(r)).Select(r => new CsvError(header.Line, null, $"Missing column '{r}' in the header row.")));
        return errors.Count > 0 ? (null, errors) : (new CsvTable(header, records.Skip(1).ToArray(), columns), []);
    }

    /// <summary>Splits a list cell ("US;CA" or "US, CA") into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> SplitList(string cell)
        => cell.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A CSV file read against its header row.</summary>
public sealed class CsvTable
{
    private readonly CsvRecord _header;
    private readonly IReadOnlyDictionary<string, int> _columns;

    internal CsvTable(CsvRecord header, IReadOnlyList<CsvRecord> rows, IReadOnlyDictionary<string, int> columns)
    {
        _header = header;
        Rows = rows;
        _columns = columns;
    }

    /// <summary>The records after the header.</summary>
    public IReadOnlyList<CsvRecord> Rows { get; }

    /// <summary>The row's cell under a known column, trimmed; empty when the file has no such column.</summary>
    public string Cell(CsvRecord row, string column)
        => _columns.TryGetValue(column, out int index) ? row.Fields[index].Trim() : string.Empty;

    /// <summary>An error when the row does not have as many cells as the header.</summary>
    public CsvError? CheckShape(CsvRecord row)
        => row.Fields.Count == _header.Fields.Count
            ? null
            : new CsvError(row.Line, null, $"Expected {_header.Fields.Count} cells like the header, found {row.Fields.Count}.");
}
