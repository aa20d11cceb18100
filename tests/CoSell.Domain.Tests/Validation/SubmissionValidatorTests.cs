namespace CoSell.Domain.Tests.Validation;

public class SubmissionValidatorTests
{
    [Fact]
    public void Validate_ValidIpDefaults_HasNoErrors()
    {
        Assert.Empty(SubmissionValidator.Validate(Offers.ValidIp().Build()));
    }

    [Fact]
    public void Validate_ValidServicesDefaults_HasNoErrors()
    {
        Assert.Empty(SubmissionValidator.Validate(Offers.ValidServices().Build()));
    }

    [Fact]
    public void Validate_EmptyPartnerId_ReportsRequired()
    {
        Submission submission = Offers.ValidIp().WithPartnerId("").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.partnerId", error.Field);
        Assert.Equal("is required.", error.Message);
    }

    [Fact]
    public void Validate_OverLongOfferId_ReportsTheIdRule()
    {
        Submission submission = Offers.ValidIp().WithOfferId(new string('a', 51)).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.offerId", error.Field);
        Assert.Contains("3 to 50 lower-case letters, digits and hyphens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UpperCaseOfferId_IsRejected()
    {
        Submission submission = Offers.ValidIp().WithOfferId("Contoso-Analytics").Build();

        Assert.Equal("offer.offerId", Assert.Single(SubmissionValidator.Validate(submission)).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_BlankName_ReportsName(string name)
    {
        Submission submission = Offers.ValidIp().WithName(name).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.name", error.Field);
    }

    [Theory]
    [InlineData(SolutionType.Services, OfferKind.SaaS)]
    [InlineData(SolutionType.Services, OfferKind.VirtualMachine)]
    [InlineData(SolutionType.Services, OfferKind.DynamicsApp)]
    [InlineData(SolutionType.IpSolution, OfferKind.Consulting)]
    [InlineData(SolutionType.IpSolution, OfferKind.ManagedService)]
    public void Validate_KindContradictsSolutionType_ReportsKind(SolutionType type, OfferKind kind)
    {
        Submission submission = Offers.ValidIp().WithSolutionType(type, kind).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.kind", error.Field);
        Assert.Contains(kind.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolutionType.Services, OfferKind.Consulting)]
    [InlineData(SolutionType.Services, OfferKind.ManagedService)]
    [InlineData(SolutionType.IpSolution, OfferKind.SaaS)]
    [InlineData(SolutionType.IpSolution, OfferKind.AzureApplication)]
    [InlineData(SolutionType.IpSolution, OfferKind.Container)]
    [InlineData(SolutionType.IpSolution, OfferKind.IoTEdgeModule)]
    [InlineData(SolutionType.IpSolution, OfferKind.PowerPlatformApp)]
    public void Validate_KindMatchesSolutionType_HasNoErrors(SolutionType type, OfferKind kind)
    {
        Submission submission = Offers.ValidIp().WithSolutionType(type, kind).Build();

        Assert.Empty(SubmissionValidator.Validate(submission));
    }

    [Fact]
    public void Validate_UndefinedKind_ReportsKind()
    {
        Submission submission = Offers.ValidIp().WithKind((OfferKind)99).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.kind", error.Field);
        Assert.Contains("not a known OfferKind", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<decimal> SharesOutside0To1 => new() { -0.01m, -1m, 1.0000001m, 1.01m, 75m };

    public static TheoryData<decimal> SharesWithin0To1 => new() { 0m, 0.5m, 1m };

    [Theory]
    [MemberData(nameof(SharesOutside0To1))]
    public void Validate_RepeatableIpShareOutside0To1_ReportsShare(decimal share)
    {
        Submission submission = Offers.ValidIp().WithRepeatableIpShare(share).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.repeatableIpShare", error.Field);
        Assert.Contains("between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SharesWithin0To1))]
    public void Validate_RepeatableIpShareWithin0To1_HasNoErrors(decimal share)
    {
        Assert.Empty(SubmissionValidator.Validate(Offers.ValidIp().WithRepeatableIpShare(share).Build()));
    }

    [Fact]
    public void Validate_NoEligibleCountries_ReportsEligibleCountries()
    {
        Submission submission = Offers.ValidIp().WithEligibleCountries().Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.eligibleCountries", error.Field);
        Assert.Contains("at least one eligible country/region", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("de")]
    [InlineData("DEU")]
    [InlineData("")]
    public void Validate_UnknownEligibleCountry_ReportsItsIndex(string code)
    {
        Submission submission = Offers.ValidIp().WithEligibleCountries("US", code).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.eligibleCountries[1]", error.Field);
        Assert.Contains("ISO 3166-1 alpha-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OooAsEligibleCountry_SaysItIsForContactsOnly()
    {
        Submission submission = Offers.ValidIp().WithEligibleCountries("OOO").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.eligibleCountries[0]", error.Field);
        Assert.Contains("sales contact countries only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateEligibleCountry_ReportsTheRepeat()
    {
        Submission submission = Offers.ValidIp().WithEligibleCountries("US", "DE", "US").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("offer.eligibleCountries[2]", error.Field);
        Assert.Equal("'US' is listed twice.", error.Message);
    }

    [Fact]
    public void Validate_OooInContactCountries_IsAllowed()
    {
        Submission submission = Offers.ValidIp().AddContact("bob@contoso.com", "OOO").Build();

        Assert.Empty(SubmissionValidator.Validate(submission));
    }

    [Fact]
    public void Validate_UnknownContactCountry_ReportsContactAndCountryIndex()
    {
        Submission submission = Offers.ValidIp().AddContact("bob@contoso.com", "US", "XX").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("materials.contacts[1].countries[1]", error.Field);
    }

    [Fact]
    public void Validate_ContactWithoutCountries_ReportsCountries()
    {
        Submission submission = Offers.ValidIp().AddContact("bob@contoso.com").Build();

        Assert.Equal("materials.contacts[1].countries", Assert.Single(SubmissionValidator.Validate(submission)).Field);
    }

    [Fact]
    public void Validate_SameEmailDifferentCase_ReportsDuplicateContact()
    {
        Submission submission = Offers.ValidIp().AddContact("ADA@Contoso.com", "DE").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("materials.contacts[1].email", error.Field);
        Assert.Contains("already the e-mail of contacts[0]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("bob@contoso")]
    [InlineData("bob@@contoso.com")]
    public void Validate_MalformedEmail_ReportsEmail(string email)
    {
        Submission submission = Offers.ValidIp().AddContact(email, "DE").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("materials.contacts[1].email", error.Field);
        Assert.Equal($"'{email}' is not a valid e-mail address.", error.Message);
    }

    [Fact]
    public void Validate_ContactWithoutName_ReportsName()
    {
        Submission submission = Offers.ValidIp().WithContacts(new SalesContact(" ", "ada@contoso.com", null, null, ["US", "DE", "FR"])).Build();

        Assert.Equal("materials.contacts[0].name", Assert.Single(SubmissionValidator.Validate(submission)).Field);
    }

    [Fact]
    public void Validate_SameDocumentTwice_ReportsTheSecond()
    {
        Submission submission = Offers.ValidIp().WithDocument(DocumentType.OnePager, "ONE-PAGER.pdf").Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("materials.documents[2]", error.Field);
        Assert.Contains("is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameBlobUnderTwoNames_ReportsTheSecond()
    {
        Submission submission = Offers.ValidIp()
            .WithRawDocument(new CollateralDocument(DocumentType.CaseStudy, "case.pdf", "contoso/contoso-analytics/OnePager/one-pager.pdf", 10))
            .Build();

        Assert.Equal("materials.documents[2]", Assert.Single(SubmissionValidator.Validate(submission)).Field);
    }

    [Fact]
    public void Validate_SameFileNameForDifferentDocumentTypes_IsAllowed()
    {
        Submission submission = Offers.ValidIp().WithDocument(DocumentType.CaseStudy, "one-pager.pdf").Build();

        Assert.Empty(SubmissionValidator.Validate(submission));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_DraftVersionBelow1_ReportsDraftVersion(int version)
    {
        Submission submission = Offers.ValidIp().WithDraftVersion(version).Build();

        ValidationError error = Assert.Single(SubmissionValidator.Validate(submission));

        Assert.Equal("draftVersion", error.Field);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        Submission submission = Offers.ValidIp()
            .WithPartnerId("")
            .WithRepeatableIpShare(2m)
            .WithEligibleCountries("US", "XX")
            .AddContact("not-an-email", "DE")
            .WithDraftVersion(0)
            .Build();

        IEnumerable<string> fields = SubmissionValidator.Validate(submission).Select(e => e.Field).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["draftVersion", "materials.contacts[1].email", "offer.eligibleCountries[1]", "offer.partnerId", "offer.repeatableIpShare"],
            fields);
    }

    [Fact]
    public void Validate_MissingLandingPageAndContacts_AreRuleFailuresNotValidationErrors()
    {
        Submission submission = Offers.ValidIp().WithLandingPageUrl(null).WithSocialOrEvidenceUrl("http://x").WithContacts().Build();

        Assert.Empty(SubmissionValidator.Validate(submission));
    }

    [Fact]
    public void Validate_NullListsFromJson_AreReportedNotThrown()
    {
        Submission valid = Offers.ValidIp().Build();
        Submission submission = valid with
        {
            Offer = valid.Offer with { EligibleCountries = null! },
            Materials = valid.Materials with { Contacts = null!, Documents = null! },
        };

        IEnumerable<string> fields = SubmissionValidator.Validate(submission).Select(e => e.Field).Order(StringComparer.Ordinal);

        Assert.Equal(["materials.contacts", "materials.documents", "offer.eligibleCountries"], fields);
    }
}
