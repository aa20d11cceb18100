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

    /// <summary>Splits a list cell ("US;CA" or "US, CA") into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> SplitList(string cell)
        => cell.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
