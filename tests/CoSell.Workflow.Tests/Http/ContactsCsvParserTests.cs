using CoSell.Domain;
using CoSell.Workflow.Http;

namespace CoSell.Workflow.Tests.Http;

public sealed class ContactsCsvParserTests
{
    private const string Header = "Name,Email,Job title,Role,Countries,States\n";

    [Fact]
    public void Parse_PartnerCenterColumns_ReturnsEveryContact()
    {
        string csv = Header
            + "Ana Silva,ana@contoso.example,Account executive,Sales,US;CA,WA\n"
            + "Li Wei,li@contoso.example,,Technical,\"DE, FR\",\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Contacts.Count);
        SalesContact ana = result.Contacts[0];
        Assert.Equal(("Ana Silva", "ana@contoso.example", "Account executive", "Sales"), (ana.Name, ana.Email, ana.JobTitle, ana.Role));
        Assert.Equal(["US", "CA"], ana.Countries);
        Assert.Equal(["WA"], ana.States!);
        Assert.Null(result.Contacts[1].JobTitle);
        Assert.Equal(["DE", "FR"], result.Contacts[1].Countries);
        Assert.Null(result.Contacts[1].States);
    }

    [Fact]
    public void Parse_BomCrlfAndMixedCaseHeaderWithoutStates_Accepted()
    {
        string csv = "\uFEFFname,EMAIL,job TITLE,role,countries\r\nAna,ana@contoso.example,Seller,Sales,us\r\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        Assert.Empty(result.Errors);
        SalesContact contact = Assert.Single(result.Contacts);
        Assert.Equal("Ana", contact.Name);
        Assert.Equal(["US"], contact.Countries);
    }

    [Fact]
    public void Parse_OooForAllOtherCountries_Accepted()
    {
        ContactsParseResult result = ContactsCsvParser.Parse(Header + "Ana,ana@contoso.example,Seller,Sales,US;OOO,\n", 100);

        Assert.Empty(result.Errors);
        Assert.Equal(["US", "OOO"], Assert.Single(result.Contacts).Countries);
    }

    [Fact]
    public void Parse_QuotedFieldsWithQuotesCommasAndNewlines_KeptAndLaterLinesNumberedRight()
    {
        string csv = Header
            + "\"Silva, Ana \"\"AJ\"\"\",ana@contoso.example,\"Seller\nEMEA\",Sales,US,\n"
            + "Bad Row,not-an-email,Seller,Sales,US,\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        CsvError error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("Email", error.Column);
        Assert.Empty(result.Contacts);

        ContactsParseResult firstOnly = ContactsCsvParser.Parse(csv[..csv.IndexOf("Bad Row", StringComparison.Ordinal)], 100);
        Assert.Equal("Silva, Ana \"AJ\"", Assert.Single(firstOnly.Contacts).Name);
        Assert.Equal("Seller\nEMEA", firstOnly.Contacts[0].JobTitle);
    }

    [Fact]
    public void Parse_SeveralBadRows_ReportsEveryLineAndImportsNothing()
    {
        string csv = Header
            + "Ana,ana@contoso.example,Seller,Sales,US,\n"
            + ",li@contoso.example,Seller,Sales,US,\n"
            + "Bo,bo@contoso.example,Seller,Sales,USA,\n"
            + "Cy,cy@contoso.example,Seller,Sales\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        Assert.Empty(result.Contacts);
        Assert.Equal([(3, "Name"), (4, "Countries"), (5, null)], result.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("USA", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameEmailTwice_ReportsTheSecondLineAsTheDomainWould()
    {
        string csv = Header
            + "Ana,ana@contoso.example,Seller,Sales,US,\n"
            + "Ana again,ANA@contoso.example,Seller,Sales,CA,\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        Assert.Empty(result.Contacts);
        CsvError error = Assert.Single(result.Errors);
        Assert.Equal((3, "Email"), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_MissingAndUnknownHeaderColumns_ReportedOnLineOne()
    {
        ContactsParseResult result = ContactsCsvParser.Parse("Name,E-mail,Job title,Role,Countries\nAna,ana@contoso.example,Seller,Sales,US\n", 100);

        Assert.Empty(result.Contacts);
        Assert.All(result.Errors, e => Assert.Equal(1, e.Line));
        Assert.Contains(result.Errors, e => e.Message.Contains("'E-mail'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("Missing column 'Email'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnterminatedQuote_ReportsTheLineItStarts()
    {
        ContactsParseResult result = ContactsCsvParser.Parse(Header + "Ana,ana@contoso.example,Seller,Sales,US,\n\"Li,li@contoso.example,Seller,Sales,US,\n", 100);

        CsvError error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FormulaLookingCells_StoredVerbatimAsData()
    {
        string csv = Header + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",ana@contoso.example,+1-555-0100,@SUM(A1:A9),US,-2+3\n";

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 100);

        Assert.Empty(result.Errors);
        SalesContact contact = Assert.Single(result.Contacts);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"x\")", contact.Name);
        Assert.Equal("+1-555-0100", contact.JobTitle);
        Assert.Equal("@SUM(A1:A9)", contact.Role);
        Assert.Equal(["-2+3"], contact.States!);
    }

    [Fact]
    public void Parse_MoreRowsThanTheLimit_Refused()
    {
        string csv = Header + string.Concat(Enumerable.Range(0, 3).Select(i => $"C{i},c{i}@contoso.example,Seller,Sales,US,\n"));

        ContactsParseResult result = ContactsCsvParser.Parse(csv, 2);

        Assert.Empty(result.Contacts);
        Assert.Equal(4, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Parse_EmptyFile_AsksForTheHeader()
    {
        ContactsParseResult result = ContactsCsvParser.Parse("\uFEFF", 100);

        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAnError()
    {
        (IReadOnlyList<CsvRecord> _, CsvError? error) = Csv.Read("a,\"b\"c\n");

        Assert.NotNull(error);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Read_BlankLinesAndLoneCr_SkippedAndCounted()
    {
        (IReadOnlyList<CsvRecord> records, CsvError? error) = Csv.Read("a,b\r\n\r\nc,d\re,f");

        Assert.Null(error);
        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
        Assert.Equal(["e", "f"], records[2].Fields);
    }
}
