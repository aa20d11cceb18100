using System.Globalization;
using System.Text.RegularExpressions;
using CoSell.Domain;

namespace CoSell.Workflow.Http;

/// <summary>The contacts of an import, or every problem found (an import with any problem changes nothing).</summary>
public sealed record ContactsParseResult(IReadOnlyList<SalesContact> Contacts, IReadOnlyList<CsvError> Errors);

/// <summary>
/// Partner Center's sales-contacts CSV: a header row (case-insensitive) with Name, Email, Job title, Role, Countries
/// and optionally States. Countries are two-letter codes separated by ';' or ',' (quote the cell when using ','),
/// "OOO" meaning all other countries. Cells are stored as text exactly as given (after trimming): a cell that starts
/// with = + - @ is kept as data and never evaluated.
/// </summary>
public static partial class ContactsCsvParser
{
    private static readonly string[] Required = ["Name", "Email", "Job title", "Role", "Countries"];
    private static readonly string[] Known = [.. Required, "States"];

    /// <summary>Parses an uploaded file: UTF-8 only (see <see cref="Csv.Decode"/>).</summary>
    public static ContactsParseResult Parse(byte[] file, int maxContacts)
    {
        (string? text, CsvError? encoding) = Csv.Decode(file);
        return text is null ? new ContactsParseResult([], [encoding!]) : Parse(text, maxContacts);
    }

    public static ContactsParseResult Parse(string text, int maxContacts)
    {
        (CsvTable? table, IReadOnlyList<CsvError> headerErrors) = Csv.ReadTable(text, Required, Known, ", ");
        if (table is null)
        {
            return new ContactsParseResult([], headerErrors);
        }

        if (table.Rows.Count > maxContacts)
        {
            return new ContactsParseResult([], [new CsvError(table.Rows[maxContacts].Line, null, $"At most {maxContacts} contacts may be imported.")]);
        }

        var errors = new List<CsvError>();
        var contacts = new List<SalesContact>();
        var lines = new List<int>();
        foreach (CsvRecord row in table.Rows)
        {
            if (table.CheckShape(row) is CsvError shape)
            {
                errors.Add(shape);
                continue;
            }

            string Cell(string column) => table.Cell(row, column);
            string states = Cell("States");
            var input = new ContactInput(Cell("Name"), Cell("Email"), Cell("Job title"), Cell("Role"), Csv.SplitList(Cell("Countries")), states.Length == 0 ? null : Csv.SplitList(states));
            (SalesContact? contact, IReadOnlyList<(string Field, string Message)> problems) = ContactRules.Validate(input);
            errors.AddRange(problems.Select(p => new CsvError(row.Line, ColumnTitle(p.Field), p.Message)));
            if (contact is not null)
            {
                contacts.Add(contact);
                lines.Add(row.Line);
            }
        }

        if (errors.Count == 0)
        {
            // The list rules name other contacts by index ("contacts[0]"); a CSV user finds them by line.
            errors.AddRange(ContactRules.ValidateList(contacts).Select(e => new CsvError(
                lines[e.Index],
                ColumnTitle(e.Field),
                ContactIndex().Replace(e.Message, m => $"line {lines[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]}"))));
        }

        return errors.Count > 0 ? new ContactsParseResult([], errors) : new ContactsParseResult(contacts, []);
    }

    [GeneratedRegex(@"contacts\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ContactIndex();

    private static string? ColumnTitle(string field) => field switch
    {
        "name" => "Name",
        "email" => "Email",
        "jobTitle" => "Job title",
        "role" => "Role",
        "countries" => "Countries",
        "states" => "States",
        "" => null,
        _ => field,
    };
}

/// <summary>One contact as a caller sends it (JSON body of ImportContacts, or one CSV row).</summary>
public sealed record ContactInput(
    string? Name,
    string? Email,
    string? JobTitle,
    string? Role,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<string>? States = null);

/// <summary>The rules one sales contact must meet, shared by the JSON and CSV imports.</summary>
public static class ContactRules
{
    public const int MaxTextLength = 200;

    private static readonly Offer ListCheckOffer = new("placeholder", "placeholder", "placeholder", SolutionType.IpSolution, OfferKind.SaaS, false, ["US"], false, false, false, false, 0m);

    /// <summary>
    /// The domain's rules for the list as a whole (e.g. each contact needs its own e-mail address), so an imported list
    /// is one the submission validator accepts. Returns the contact's index, its camelCase field and the reason.
    /// </summary>
    public static IReadOnlyList<(int Index, string Field, string Message)> ValidateList(IReadOnlyList<SalesContact> contacts)
    {
        // Only the contact errors are read; the placeholder offer is valid and its errors, if any, are ignored.
        var submission = new Submission(ListCheckOffer, new CoSellMaterials([], null, null, contacts), 1);
        var errors = new List<(int Index, string Field, string Message)>();
        foreach (ValidationError error in SubmissionValidator.Validate(submission))
        {
            System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(error.Field, @"^materials\.contacts\[(\d+)\]\.?([A-Za-z]*)");
            if (match.Success)
            {
                errors.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, error.Message));
            }
        }

        return errors;
    }

    /// <summary>The normalised contact (trimmed, country codes upper case), or the problems keyed by camelCase field.</summary>
    public static (SalesContact? Contact, IReadOnlyList<(string Field, string Message)> Errors) Validate(ContactInput input)
    {
        var errors = new List<(string Field, string Message)>();
        string name = input.Name?.Trim() ?? string.Empty;
        string email = input.Email?.Trim() ?? string.Empty;
        string? jobTitle = string.IsNullOrWhiteSpace(input.JobTitle) ? null : input.JobTitle.Trim();
        string? role = string.IsNullOrWhiteSpace(input.Role) ? null : input.Role.Trim();

        if (name.Length == 0)
        {
            errors.Add(("name", "A name is required."));
        }

        if (!InputRules.IsValidEmail(email))
        {
            errors.Add(("email", email.Length == 0 ? "An e-mail address is required." : $"'{email}' is not a valid e-mail address."));
        }

        foreach ((string field, string? value) in new[] { ("name", (string?)name), ("jobTitle", jobTitle), ("role", role) })
        {
            if (value is not null && value.Length > MaxTextLength)
            {
                errors.Add((field, $"At most {MaxTextLength} characters."));
            }
            else if (InputRules.ControlCharacterProblem(value, lineBreaks: true) is { } problem)
            {
                errors.Add((field, problem));
            }
        }

        var countries = new List<string>();
        foreach (string? raw in input.Countries ?? [])
        {
            if (raw is null)
            {
                errors.Add(("countries", "A country code is required; null is not one."));
                continue;
            }

            string code = raw.Trim().ToUpperInvariant();
            if (!InputRules.IsValidCountryCode(code) && code != InputRules.OutsideListedCountries)
            {
                errors.Add(("countries", $"'{raw}' is not a two-letter country code or \"{InputRules.OutsideListedCountries}\" (all other countries)."));
            }
            else if (!countries.Contains(code))
            {
                countries.Add(code);
            }
        }

        if ((input.Countries ?? []).Count == 0)
        {
            errors.Add(("countries", "At least one country code (or \"OOO\" for all other countries) is required."));
        }

        if (input.States?.Any(s => s is null) == true)
        {
            errors.Add(("states", "A state is text; null is not one."));
        }

        List<string>? states = input.States?.OfType<string>().Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (states is not null && states.Any(s => s.Length > MaxTextLength))
        {
            errors.Add(("states", $"Each state is at most {MaxTextLength} characters."));
        }
        else if (states?.Select(s => InputRules.ControlCharacterProblem(s, lineBreaks: true)).FirstOrDefault(p => p is not null) is { } stateProblem)
        {
            errors.Add(("states", stateProblem));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new SalesContact(name, email, jobTitle, role, countries, states is { Count: > 0 } ? states : null), errors);
    }
}
