using CoSell.Domain;
using CoSell.Workflow.Http;

namespace CoSell.Workflow.Tests.Http;

public sealed class RevenueCsvParserTests
{
    private const string Header = "organisationId,month,acrTtmUsd,isvConnectPremium,goldCompetency,billedRevenue\n";

    [Fact]
    public void Parse_ValidFile_ReturnsEveryOrganisationWithBilledRevenue()
    {
        string csv = Header
            + "contoso,2026-08,125000.50,false,true,\"contoso-saas:60000;contoso-vm:45000.25\"\n"
            + "fabrikam,2026-08,0,TRUE,,\n";

        RevenueParseResult result = RevenueCsvParser.Parse(csv, "2026-08");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Rows.Count);
        OrganisationProfile contoso = result.Rows[0];
        Assert.Equal(("contoso", "2026-08", 125_000.50m, false, true), (contoso.OrganisationId, contoso.Month, contoso.AcrTtmUsd, contoso.IsvConnectPremiumActive, contoso.GoldCompetencyActive));
        Assert.Equal([("contoso-saas", 60_000m), ("contoso-vm", 45_000.25m)], contoso.Solutions.Select(s => (s.OfferId, s.BilledRevenueUsd)));
        Assert.True(result.Rows[1].IsvConnectPremiumActive);
        Assert.Empty(result.Rows[1].Solutions);
    }

    [Fact]
    public void Parse_OnlyRequiredColumnsInAnyOrder_Accepted()
    {
        RevenueParseResult result = RevenueCsvParser.Parse("ACRTTMUSD,Month,organisationid\n100000.00,2026-08,contoso\n", "2026-08");

        Assert.Empty(result.Errors);
        Assert.Equal(100_000.00m, Assert.Single(result.Rows).AcrTtmUsd);
    }

    [Fact]
    public void Parse_AnyBadRow_RejectsTheWholeFileListingEveryBadLine()
    {
        string csv = Header
            + "contoso,2026-08,1000,false,false,\n"
            + "fabrikam,2026-07,1000,false,false,\n"
            + "northwind,2026-08,-5,false,false,\n"
            + "contoso,2026-08,1,false,false,\n"
            + "adatum,2026-08,1 000,maybe,false,offer-a=12\n";

        RevenueParseResult result = RevenueCsvParser.Parse(csv, "2026-08");

        Assert.Empty(result.Rows);
        Assert.Equal(
            ["line 3, month", "line 4, acrTtmUsd", "line 5, organisationId", "line 6, acrTtmUsd", "line 6, isvConnectPremium", "line 6, billedRevenue"],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Parse_UnknownColumn_RejectedOnLineOne()
    {
        RevenueParseResult result = RevenueCsvParser.Parse("organisationId,month,acrTtmUsd,acrUsd\ncontoso,2026-08,1,2\n", "2026-08");

        Assert.Empty(result.Rows);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
    }

    [Theory]
    [InlineData("Contoso Ltd")]
    [InlineData("")]
    [InlineData("contoso/eu")]
    public void Parse_OrganisationIdNoPartnerCanHave_RejectsTheFileNamingTheLine(string organisationId)
    {
        RevenueParseResult result = RevenueCsvParser.Parse(Header + "fabrikam,2026-08,1000,false,false,\n" + $"\"{organisationId}\",2026-08,1000,false,false,\n", "2026-08");

        Assert.Empty(result.Rows);
        CsvError error = Assert.Single(result.Errors);
        Assert.Equal((3, "organisationId"), (error.Line, error.Column));
    }
}
