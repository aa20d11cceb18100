using System.Globalization;
using CoSell.Domain;
using CoSell.Workflow.Http;
using CsCheck;

namespace CoSell.Workflow.Tests.Http.Fuzz;

/// <summary>
/// Generated CSV files for the contacts import and the revenue feed: bad headers, structure, cells, encodings; and valid
/// files in any column order, quoting, line ending, with or without a UTF-8 BOM, with formula-looking cells.
/// </summary>
[Collection(FuzzSuite.Name)]
public sealed class CsvImportFuzzTests
{
    private const int ContactFaultCases = 200;
    private const int RevenueFaultCases = 200;
    private const int ValidFileCases = 30;
    private const string Csv = "text/csv";

    private readonly FuzzApp _fuzz;

    public CsvImportFuzzTests(FuzzApp fuzz) => _fuzz = fuzz;

    private static FuzzRequest ContactsImport(string offerId)
        => FuzzRequest.For(ApiRoutes.ImportContacts, $"/api/partners/{FuzzApp.Partner}/offers/{offerId}/contacts");

    private static FuzzRequest RevenueUpload => FuzzRequest.For(ApiRoutes.UploadRevenue, $"/api/admin/revenue/{FuzzApp.Month}");

    [Fact]
    public Task ImportContacts_GeneratedBadCsv_400NamingTheLineAndColumnAndNothingImported()
    {
        Gen<FuzzCase> cases = CsvFaults.For(CsvFormats.Contacts, 4, CsvFormats.ContactFaults)
            .Select(fault => fault.To(ContactsImport(FuzzApp.Offer), Csv));

        return _fuzz.RefusesAllAsync(cases, ContactFaultCases);
    }

    [Fact]
    public Task UploadRevenue_GeneratedBadCsv_400NamingTheLineAndColumnAndNothingStored()
    {
        Gen<FuzzCase> cases = CsvFaults.For(CsvFormats.Revenue, 4, CsvFormats.RevenueFaults)
            .Select(fault => fault.To(RevenueUpload, Csv));

        return _fuzz.RefusesAllAsync(cases, RevenueFaultCases);
    }

    [Fact]
    public Task ImportContacts_ValidCsvInAnyLayoutWithFormulaLookingCells_StoresTheTrimmedTextAsData()
    {
        string[] free = ["Name", "Job title", "Role"];
        Gen<(CsvSheet Sheet, CsvStyle Style)> files = Gen.Select(CsvSheet.Valid(CsvFormats.Contacts, 4), CsvStyle.Any, Gen.OneOfConst(Hostile.FormulaPrefixes), Gen.Int[0, 3])
            .Select(x =>
            {
                int row = x.Item4 % x.Item1.Rows.Count;
                string column = free[x.Item4 % free.Length];
                return (x.Item1.WithCell(row, column, x.Item3 + "1+1"), x.Item2);
            });

        return files.CheckAsync(
            async file =>
            {
                FuzzAnswer answer = await _fuzz.SendAsync(ContactsImport(FuzzApp.CsvTarget).WithBody(Csv, CsvEncodings.Utf8(file.Sheet.Text(file.Style))));

                Assert.True(answer.Status == 200, $"Expected 200, got {answer}");
                IReadOnlyList<SalesContact> stored = _fuzz.App.Offers.Find(FuzzApp.Partner, FuzzApp.CsvTarget)!.Materials.Contacts;
                Assert.Equal(ExpectedContacts(file.Sheet), stored.Select(Describe));
            },
            ValidFileCases,
            file => $"{file.Style}\n{file.Sheet}");
    }

    [Fact]
    public Task UploadRevenue_ValidCsvInAnyLayout_StoresEveryRowAsWritten()
    {
        Gen<(CsvSheet Sheet, CsvStyle Style)> files = Gen.Select(CsvSheet.Valid(CsvFormats.Revenue, 4), CsvStyle.Any);

        return files.CheckAsync(
            async file =>
            {
                FuzzAnswer answer = await _fuzz.SendAsync(RevenueUpload.WithBody(Csv, CsvEncodings.Utf8(file.Sheet.Text(file.Style))));

                Assert.True(answer.Status == 200, $"Expected 200, got {answer}");
                for (int row = 0; row < file.Sheet.Rows.Count; row++)
                {
                    OrganisationProfile? stored = await _fuzz.App.Revenue.GetAsync(FuzzApp.Month, $"org-{row}");
                    Assert.Equal(ExpectedRevenue(file.Sheet, row), stored is null ? null : Describe(stored));
                }
            },
            ValidFileCases,
            file => $"{file.Style}\n{file.Sheet}");
    }

    private static List<string> ExpectedContacts(CsvSheet sheet)
        => [.. Enumerable.Range(0, sheet.Rows.Count).Select(r =>
        {
            string Cell(string column) => sheet.Columns.Contains(column) ? sheet.Cell(r, column).Trim() : string.Empty;
            string countries = string.Join(";", Cell("Countries").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).Distinct());
            string states = string.Join(";", Cell("States").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return $"{Cell("Name")}|{Cell("Email")}|{Cell("Job title")}|{Cell("Role")}|{countries}|{states}";
        })];

    private static string Describe(SalesContact c)
        => $"{c.Name}|{c.Email}|{c.JobTitle}|{c.Role}|{string.Join(";", c.Countries)}|{string.Join(";", c.States ?? [])}";

    private static string ExpectedRevenue(CsvSheet sheet, int row)
    {
        string Cell(string column) => sheet.Columns.Contains(column) ? sheet.Cell(row, column).Trim() : string.Empty;
        bool Flag(string column) => Cell(column).Length > 0 && bool.Parse(Cell(column));
        string billed = string.Join(";", Cell("billedRevenue").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':')).Select(p => $"{p[0]}:{decimal.Parse(p[1], CultureInfo.InvariantCulture)}"));
        return $"{Cell("organisationId")}|{decimal.Parse(Cell("acrTtmUsd"), CultureInfo.InvariantCulture)}|{Flag("isvConnectPremium")}|{Flag("goldCompetency")}|{billed}";
    }

    private static string Describe(OrganisationProfile p)
        => $"{p.OrganisationId}|{p.AcrTtmUsd}|{p.IsvConnectPremiumActive}|{p.GoldCompetencyActive}|{string.Join(";", p.Solutions.Select(s => $"{s.OfferId}:{s.BilledRevenueUsd}"))}";
}
