namespace CoSell.Domain.Tests.Rules;

public class ContactRulesTests
{
    [Fact]
    public void Evaluate_MissingContactsForSomeCountries_NamesThemSorted()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithEligibleCountries("FR", "US", "DE")
            .WithContacts(SalesContacts.For("ada@contoso.com", "US"))
            .Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        RequirementResult contacts = evaluation.Requirement(RequirementIds.Contacts);
        Assert.False(contacts.Passed);
        Assert.Equal(3, contacts.Step);
        Assert.Equal(
            "No sales contact for DE, FR — every eligible country needs one. Add contacts in the Contacts section (use 'OOO' for all other countries).",
            contacts.Reason);
    }

    [Fact]
    public void Evaluate_NoContactsAtAll_NamesEveryEligibleCountry()
    {
        RequirementResult contacts = Offers.ValidIp().WithEligibleCountries("US", "JP").WithContacts().Evaluate().Requirement(RequirementIds.Contacts);

        Assert.False(contacts.Passed);
        Assert.StartsWith("No sales contact for JP, US — every eligible country needs one.", contacts.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CountriesSplitAcrossContacts_Passes()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithEligibleCountries("US", "DE", "FR")
            .WithContacts(SalesContacts.For("ada@contoso.com", "US"), SalesContacts.For("bob@contoso.com", "DE", "FR", "JP"))
            .Evaluate();

        RequirementResult contacts = evaluation.Requirement(RequirementIds.Contacts);
        Assert.True(contacts.Passed);
        Assert.Equal("Every eligible country/region has a sales contact.", contacts.Reason);
        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
    }

    [Fact]
    public void Evaluate_OooContact_CoversEveryCountryNoContactNames()
    {
        RequirementResult contacts = Offers.ValidIp()
            .WithEligibleCountries("US", "DE", "FR", "BR")
            .WithContacts(SalesContacts.For("ada@contoso.com", "US"), SalesContacts.For("row@contoso.com", "OOO"))
            .Evaluate()
            .Requirement(RequirementIds.Contacts);

        Assert.True(contacts.Passed);
        Assert.Equal(
            "Every eligible country/region has a sales contact; BR, DE, FR are covered by the 'all other countries' (OOO) contact.",
            contacts.Reason);
    }

    [Fact]
    public void Evaluate_ContactForOtherCountriesOnly_DoesNotCoverEligibleOnes()
    {
        RequirementResult contacts = Offers.ValidIp()
            .WithEligibleCountries("US")
            .WithContacts(SalesContacts.For("ada@contoso.com", "CA", "MX"))
            .Evaluate()
            .Requirement(RequirementIds.Contacts);

        Assert.False(contacts.Passed);
        Assert.StartsWith("No sales contact for US", contacts.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckContacts_SameSubmission_MatchesWhatEvaluateReports()
    {
        OfferBuilder builder = Offers.ValidIp()
            .WithEligibleCountries("US", "DE", "JP")
            .WithContacts(SalesContacts.For("ada@contoso.com", "US"));

        RequirementResult alone = CoSellRules.CheckContacts(builder.Build());

        Assert.Equal(builder.Evaluate().Requirement(RequirementIds.Contacts), alone);
        Assert.False(alone.Passed);
        Assert.StartsWith("No sales contact for DE, JP", alone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckContacts_EveryCountryCovered_Passes()
    {
        Assert.True(CoSellRules.CheckContacts(Offers.ValidIp().Build()).Passed);
    }
}
