using System.Globalization;
using CoSell.Domain;

namespace CoSell.Workflow.Http;

/// <summary>The rows of a revenue file, or every problem found (a file with any bad row is rejected whole).</summary>
public sealed record RevenueParseResult(IReadOnlyList<OrganisationProfile> Rows, IReadOnlyList<CsvError> Errors);

/// <summary>
/// The monthly revenue feed (UploadRevenue, <c>text/csv</c>, UTF-8):
/// <code>
/// organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue
/// contoso,2026-08,125000.50,false,true,"contoso-saas:60000;contoso-vm:45000.25"
/// </code>
/// The header row is required (names case-insensitive, any order); <c>organisationId</c>, <c>month</c> and
/// <c>acrTtmUsd</c> are required columns, the others optional. <c>month</c> must equal the month in the URL.
/// Amounts are USD with '.' as decimal point and no thousands separators, never negative, at most <see cref="MaxAmountUsd"/>.
/// <c>isvConnectPremium</c> / <c>goldCompetency</c> are true/false (empty = false).
/// <c>billedRevenue</c> lists the trailing-12-month billed revenue of the organisation's transactable Azure
/// solutions as <c>offerId:amount</c> pairs separated by ';' (empty = none). An organisation appears once.
/// </summary>
public static class RevenueCsvParser
{
    private const string OrganisationId = "organisationId";
    private const string Month = "month";
    private const string AcrTtmUsd = "acrTtmUsd";
    private const string IsvConnectPremium = "isvConnectPremium";
    private const string GoldCompetency = "goldCompetency";
    private const string BilledRevenue = "billedRevenue";

    /// <summary>
    /// The largest amount a cell may hold (a thousand trillion USD). Far above any real revenue, and small enough that the
    /// rules can add up every solution of a 16 MiB file without overflowing <see cref="decimal"/>.
    /// </summary>
    public const decimal MaxAmountUsd = 1_000_000_000_000_000m;

    private static readonly string[] Required = [OrganisationId, Month, AcrTtmUsd];
    private static readonly string[] Known = [.. Required, IsvConnectPremium, GoldCompetency, BilledRevenue];

    /// <summary>Parses an uploaded file: UTF-8 only (see <see cref="Csv.Decode"/>).</summary>
    public static RevenueParseResult Parse(byte[] file, string month)
    {
        (string? text, CsvError? encoding) = Csv.Decode(file);
        return text is null ? new RevenueParseResult([], [encoding!]) : Parse(text, month);
    }

    public static RevenueParseResult Parse(string text, string month)
    {
        (CsvTable? table, IReadOnlyList<CsvError> headerErrors) = Csv.ReadTable(text, Required, Known, ",");
        if (table is null)
        {
            return new RevenueParseResult([], headerErrors);
        }

        var errors = new List<CsvError>();

        var rows = new List<OrganisationProfile>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (CsvRecord row in table.Rows)
        {
            if (table.CheckShape(row) is CsvError shape)
            {
                errors.Add(shape);
                continue;
            }

            string Cell(string column) => table.Cell(row, column);
            int before = errors.Count;

            string organisation = Cell(OrganisationId);
            if (!InputRules.IsValidId(organisation))
            {
                errors.Add(new CsvError(row.Line, OrganisationId, $"'{organisation}' is not a valid organisation id (lower-case letters, digits and '-')."));
            }
            else if (!seen.TryAdd(organisation, row.Line))
            {
                errors.Add(new CsvError(row.Line, OrganisationId, $"'{organisation}' already appears on line {seen[organisation]}."));
            }

            if (!string.Equals(Cell(Month), month, StringComparison.Ordinal))
            {
                errors.Add(new CsvError(row.Line, Month, $"'{Cell(Month)}' does not match the uploaded month {month}."));
            }

            decimal acr = 0m;
            if (!TryParseAmount(Cell(AcrTtmUsd), out acr))
            {
                errors.Add(new CsvError(row.Line, AcrTtmUsd, $"'{Cell(AcrTtmUsd)}' is not an amount in USD (digits, optional '.', not negative)."));
            }
            else if (acr > MaxAmountUsd)
            {
                errors.Add(new CsvError(row.Line, AcrTtmUsd, TooLarge(Cell(AcrTtmUsd))));
            }

            bool isv = false;
            bool gold = false;
            if (!TryParseFlag(Cell(IsvConnectPremium), out isv))
            {
                errors.Add(new CsvError(row.Line, IsvConnectPremium, $"'{Cell(IsvConnectPremium)}' is not true or false."));
            }

            if (!TryParseFlag(Cell(GoldCompetency), out gold))
            {
                errors.Add(new CsvError(row.Line, GoldCompetency, $"'{Cell(GoldCompetency)}' is not true or false."));
            }

            var solutions = new List<SolutionRevenue>();
            foreach (string pair in Cell(BilledRevenue).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int colon = pair.LastIndexOf(':');
                string offerId = colon < 0 ? pair : pair[..colon].Trim();
                string amountText = colon < 0 ? string.Empty : pair[(colon + 1)..].Trim();
                if (!InputRules.IsValidId(offerId) || !TryParseAmount(amountText, out decimal amount))
                {
                    errors.Add(new CsvError(row.Line, BilledRevenue, $"'{pair}' is not offerId:amount (e.g. contoso-saas:60000.00)."));
                }
                else if (amount > MaxAmountUsd)
                {
                    errors.Add(new CsvError(row.Line, BilledRevenue, TooLarge(pair)));
                }
                else if (solutions.Any(s => s.OfferId == offerId))
                {
                    errors.Add(new CsvError(row.Line, BilledRevenue, $"Offer '{offerId}' is listed twice."));
                }
                else
                {
                    solutions.Add(new SolutionRevenue(offerId, IsTransactable: true, amount));
                }
            }

            if (errors.Count == before)
            {
                var profile = new OrganisationProfile(organisation, month, acr, solutions, isv, gold);
                foreach (ValidationError error in SubmissionValidator.Validate(profile))
                {
                    errors.Add(new CsvError(row.Line, error.Field.Replace("organisation.", string.Empty, StringComparison.Ordinal), error.Message));
                }

                if (errors.Count == before)
                {
                    rows.Add(profile);
                }
            }
        }

        return errors.Count > 0 ? new RevenueParseResult([], errors) : new RevenueParseResult(rows, []);
    }

    private static string TooLarge(string cell)
        => $"'{cell}' is more than {MaxAmountUsd.ToString("N0", CultureInfo.InvariantCulture)} USD, the largest amount accepted.";

    private static bool TryParseAmount(string text, out decimal amount)
        => decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) && text.Length > 0;

    private static bool TryParseFlag(string text, out bool value)
    {
        value = false;
        return text.Length == 0 || bool.TryParse(text, out value);
    }
}
