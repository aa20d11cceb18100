namespace CoSell.Domain.Tests.Validation;

public class OrganisationValidatorTests
{
    [Fact]
    public void Validate_ValidDefaults_HasNoErrors()
    {
        Assert.Empty(SubmissionValidator.Validate(Offers.ValidIp().WithSolutionRevenue("contoso-vm", 5_000m).BuildOrganisation()));
    }

    [Fact]
    public void Validate_NoRevenueData_IsValid()
    {
        Assert.Empty(SubmissionValidator.Validate(Offers.ValidIp().WithoutRevenueData().BuildOrganisation()));
    }

    [Fact]
    public void Validate_NegativeAcrTtm_ReportsAcrTtm()
    {
        OrganisationProfile organisation = Offers.ValidIp().WithAcrTtmUsd(-0.01m).BuildOrganisation();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(organisation));

        Assert.Equal("organisation.acrTtmUsd", error.Field);
        Assert.Equal("must not be negative (-0.01 USD).", error.Message);
    }

    [Fact]
    public void Validate_NegativeBilledRevenue_ReportsThatSolution()
    {
        OrganisationProfile organisation = Offers.ValidIp()
            .WithSolutionRevenue("contoso-vm", 10m)
            .WithSolutionRevenue("contoso-app", -1m)
            .BuildOrganisation();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(organisation));

        Assert.Equal("organisation.solutions[1].billedRevenueUsd", error.Field);
    }

    [Fact]
    public void Validate_SameSolutionTwice_ReportsTheRepeat()
    {
        OrganisationProfile organisation = Offers.ValidIp()
            .WithSolutionRevenue("contoso-vm", 10m)
            .WithSolutionRevenue("contoso-vm", 20m)
            .BuildOrganisation();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(organisation));

        Assert.Equal("organisation.solutions[1].offerId", error.Field);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("")]
    public void Validate_MalformedMonth_ReportsMonth(string month)
    {
        OrganisationProfile organisation = Offers.ValidIp().WithRevenueMonth(month).BuildOrganisation();

        Assert.Equal("organisation.month", Assert.Single(SubmissionValidator.Validate(organisation)).Field);
    }

    [Fact]
    public void Validate_InvalidOrganisationId_ReportsId()
    {
        OrganisationProfile organisation = Offers.ValidIp().WithOrganisationId("Contoso Ltd").BuildOrganisation();

        Assert.Equal("organisation.organisationId", Assert.Single(SubmissionValidator.Validate(organisation)).Field);
    }

    [Fact]
    public void Evaluate_InvalidSubmissionAndOrganisation_ThrowsWithEveryError()
    {
        OfferBuilder builder = Offers.ValidIp().WithDraftVersion(0).WithAcrTtmUsd(-5m);

        DomainValidationException ex = Assert.Throws<DomainValidationException>(() => builder.Evaluate());

        Assert.Equal(["draftVersion", "organisation.acrTtmUsd"], ex.Errors.Select(e => e.Field));
        Assert.Contains("draftVersion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OrganisationIsNotThePartner_Throws()
    {
        OfferBuilder builder = Offers.ValidIp().WithOrganisationId("fabrikam");

        DomainValidationException ex = Assert.Throws<DomainValidationException>(() => builder.Evaluate());

        ValidationError error = Assert.Single(ex.Errors);
        Assert.Equal("organisation.organisationId", error.Field);
        Assert.Equal("'fabrikam' is not the offer's partner 'contoso'.", error.Message);
    }
}
