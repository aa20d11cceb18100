namespace CoSell.Domain.Tests.Rules;

public class CollateralRulesTests
{
    [Fact]
    public void Evaluate_NoOnePager_IsNotReadyAndAsksForIt()
    {
        Evaluation evaluation = Offers.ValidIp().WithoutDocuments(DocumentType.OnePager).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        RequirementResult onePager = evaluation.Requirement(RequirementIds.OnePager);
        Assert.False(onePager.Passed);
        Assert.False(onePager.Optional);
        Assert.Equal("No customer one-pager is uploaded; add one (at most 10 pages) in the Documents section.", onePager.Reason);
    }

    [Fact]
    public void Evaluate_OnePagerRejectedByContentCheck_UsesTheFindingsReason()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithoutDocuments(DocumentType.OnePager)
            .WithDocument(DocumentType.OnePager, "brochure.pdf", valid: false, reason: "It has 14 pages; a one-pager has at most 10.")
            .Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(
            "The customer one-pager 'brochure.pdf' was rejected: It has 14 pages; a one-pager has at most 10.",
            evaluation.Requirement(RequirementIds.OnePager).Reason);
    }

    [Fact]
    public void Evaluate_OnePagerWithoutFinding_FailsAsNotYetValidated()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithoutDocuments(DocumentType.OnePager)
            .WithUnvalidatedDocument(DocumentType.OnePager, "brochure.pdf")
            .Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(
            "The customer one-pager 'brochure.pdf' is not yet validated; it counts once its content has been checked.",
            evaluation.Requirement(RequirementIds.OnePager).Reason);
    }

    [Fact]
    public void Evaluate_FindingForAnotherFileName_DoesNotValidateTheOnePager()
    {
        OfferBuilder builder = Offers.ValidIp().WithoutDocuments(DocumentType.OnePager).WithUnvalidatedDocument(DocumentType.OnePager, "brochure.pdf");
        CollateralFinding[] findings = [.. builder.BuildFindings(), new CollateralFinding(DocumentType.OnePager, "other.pdf", true, "Valid.")];

        Evaluation evaluation = CoSellRules.Evaluate(builder.Build(), findings, builder.BuildOrganisation());

        Assert.False(evaluation.Requirement(RequirementIds.OnePager).Passed);
    }

    [Fact]
    public void Evaluate_OneRejectedAndOneValidOnePager_Passes()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithDocument(DocumentType.OnePager, "old.pdf", valid: false, reason: "The file is encrypted.")
            .Evaluate();

        RequirementResult onePager = evaluation.Requirement(RequirementIds.OnePager);
        Assert.True(onePager.Passed);
        Assert.Equal("The customer one-pager 'one-pager.pdf' is uploaded and valid.", onePager.Reason);
    }

    [Fact]
    public void Evaluate_NoPresentation_IsOptionalAndKeepsStatus()
    {
        Evaluation evaluation = Offers.ValidIp().WithoutDocuments(DocumentType.Presentation).Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        RequirementResult presentation = evaluation.Requirement(RequirementIds.Presentation);
        Assert.False(presentation.Passed);
        Assert.True(presentation.Optional);
        Assert.Equal("Optional: no customer presentation is uploaded; a pitch deck helps Microsoft sellers present the offer.", presentation.Reason);
    }

    [Fact]
    public void Evaluate_RejectedPresentation_ExplainsButKeepsStatus()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithoutDocuments(DocumentType.Presentation)
            .WithDocument(DocumentType.Presentation, "deck.pptx", valid: false, reason: "The file is not a PowerPoint file.")
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal(
            "Optional: the customer presentation 'deck.pptx' was rejected: The file is not a PowerPoint file.",
            evaluation.Requirement(RequirementIds.Presentation).Reason);
    }

    [Theory]
    [InlineData(null, "Solution landing-page URL: none is given; add the https address.")]
    [InlineData("", "Solution landing-page URL: none is given; add the https address.")]
    [InlineData("http://www.contoso.com/analytics", "Solution landing-page URL: 'http://www.contoso.com/analytics' must use https.")]
    [InlineData("ftp://contoso.com/analytics", "Solution landing-page URL: 'ftp://contoso.com/analytics' must use https.")]
    [InlineData("www.contoso.com/analytics", "Solution landing-page URL: 'www.contoso.com/analytics' is not a well-formed absolute URL; use a full address such as https://www.contoso.com/product.")]
    [InlineData("/analytics", "Solution landing-page URL: '/analytics' is not a well-formed absolute URL; use a full address such as https://www.contoso.com/product.")]
    [InlineData("https://contoso .com", "Solution landing-page URL: 'https://contoso .com' is not a well-formed absolute URL; use a full address such as https://www.contoso.com/product.")]
    [InlineData("https://", "Solution landing-page URL: 'https://' is not a well-formed absolute URL; use a full address such as https://www.contoso.com/product.")]
    public void Evaluate_LandingPageNotAnAbsoluteHttpsUrl_IsNotReadyAndSaysWhy(string? url, string reason)
    {
        Evaluation evaluation = Offers.ValidIp().WithLandingPageUrl(url).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(reason, evaluation.Requirement(RequirementIds.LandingPage).Reason);
    }

    [Theory]
    [InlineData("https://www.contoso.com")]
    [InlineData("https://contoso.com/products/analytics?utm_source=cosell#overview")]
    [InlineData("https://contoso.com:8443/analytics")]
    public void Evaluate_LandingPageHttpsUrl_Passes(string url)
    {
        RequirementResult landing = Offers.ValidIp().WithLandingPageUrl(url).Evaluate().Requirement(RequirementIds.LandingPage);

        Assert.True(landing.Passed);
        Assert.Equal($"The solution landing page is {url}.", landing.Reason);
    }

    [Fact]
    public void Evaluate_SocialMediaHttpsUrl_Passes()
    {
        RequirementResult social = Offers.ValidIp().Evaluate().Requirement(RequirementIds.SocialOrEvidence);

        Assert.True(social.Passed);
        Assert.Equal("The social-media or evidence URL is https://www.linkedin.com/company/contoso.", social.Reason);
    }

    [Fact]
    public void Evaluate_NoUrlButValidCaseStudy_Passes()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithSocialOrEvidenceUrl(null)
            .WithDocument(DocumentType.CaseStudy, "fabrikam-case-study.pdf")
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal(
            "The case study 'fabrikam-case-study.pdf' is uploaded and valid evidence.",
            evaluation.Requirement(RequirementIds.SocialOrEvidence).Reason);
    }

    [Fact]
    public void Evaluate_NoUrlAndNoCaseStudy_IsNotReadyAndAsksForEither()
    {
        Evaluation evaluation = Offers.ValidIp().WithSocialOrEvidenceUrl(null).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(
            "Add an https social-media channel URL or upload a case study as evidence.",
            evaluation.Requirement(RequirementIds.SocialOrEvidence).Reason);
    }

    [Fact]
    public void Evaluate_HttpUrlAndRejectedCaseStudy_ExplainsBoth()
    {
        RequirementResult social = Offers.ValidIp()
            .WithSocialOrEvidenceUrl("http://twitter.com/contoso")
            .WithDocument(DocumentType.CaseStudy, "case.pdf", valid: false, reason: "The file is empty.")
            .Evaluate()
            .Requirement(RequirementIds.SocialOrEvidence);

        Assert.False(social.Passed);
        Assert.Equal(
            "Add an https social-media channel URL or upload a case study as evidence. Social-media or evidence URL: 'http://twitter.com/contoso' must use https. The case study 'case.pdf' was rejected: The file is empty.",
            social.Reason);
    }

    [Fact]
    public void Evaluate_NoUrlAndUnvalidatedCaseStudy_Fails()
    {
        RequirementResult social = Offers.ValidIp()
            .WithSocialOrEvidenceUrl(null)
            .WithUnvalidatedDocument(DocumentType.CaseStudy, "case.pdf")
            .Evaluate()
            .Requirement(RequirementIds.SocialOrEvidence);

        Assert.False(social.Passed);
        Assert.EndsWith("The case study 'case.pdf' is not yet validated.", social.Reason, StringComparison.Ordinal);
    }
}
