namespace CoSell.Domain.Tests.Rules;

public class StepOneAndTwoTests
{
    [Fact]
    public void Evaluate_ValidIp_ListsEveryRequirementInStepOrder()
    {
        Evaluation evaluation = Offers.ValidIp().Evaluate();

        Assert.Equal(
            [
                "1.publishing", "1.business-profile", "2.csp", "3.contacts", "3.one-pager", "3.presentation",
                "3.landing-page", "3.social-or-evidence", "4.azure-ip.revenue", "4.azure-ip.ip-share", "4.bizapps.isv-connect",
            ],
            evaluation.Requirements.Select(r => r.Id));
        Assert.All(evaluation.Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.All(evaluation.Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Title)));
    }

    [Fact]
    public void Evaluate_ValidIp_IsIncentivizedOnAzureIp()
    {
        Evaluation evaluation = Offers.ValidIp().Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal([IncentiveTrack.AzureIp], evaluation.Tracks);
        Assert.Equal(["4.bizapps.isv-connect"], evaluation.Failures.Select(r => r.Id));
    }

    [Fact]
    public void Evaluate_NotMeetingPublishingRequirements_IsNotReadyAndSaysWhy()
    {
        Evaluation evaluation = Offers.ValidIp().MeetingPublishingRequirements(false).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Empty(evaluation.Tracks);
        Assert.Empty(evaluation.Benefits);
        RequirementResult publishing = evaluation.Requirement(RequirementIds.Publishing);
        Assert.False(publishing.Passed);
        Assert.Equal(1, publishing.Step);
        Assert.Equal(
            "The offer does not meet the commercial marketplace publishing requirements yet; fix what Partner Center reports for the offer, then submit again.",
            publishing.Reason);
    }

    [Fact]
    public void Evaluate_IncompleteBusinessProfile_IsNotReadyAndSaysWhy()
    {
        Evaluation evaluation = Offers.ValidIp().WithBusinessProfileComplete(false).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(
            "Your business profile in Partner Center is incomplete; complete it, then submit again.",
            evaluation.Requirement(RequirementIds.BusinessProfile).Reason);
    }

    [Fact]
    public void Evaluate_NotConfiguredForCsp_KeepsStatusAndExplainsTheCspBenefit()
    {
        Evaluation evaluation = Offers.ValidIp().WithCsp(false).Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        RequirementResult csp = evaluation.Requirement(RequirementIds.Csp);
        Assert.False(csp.Passed);
        Assert.True(csp.Optional);
        Assert.Equal(2, csp.Step);
        Assert.StartsWith("Optional: the offer is not configured for CSP resellers.", csp.Reason, StringComparison.Ordinal);
        Assert.Contains("10 % sales incentive", csp.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(evaluation.Failures, r => r.Id == RequirementIds.Csp);
    }

    [Fact]
    public void Evaluate_ConfiguredForCsp_PassesStepTwo()
    {
        RequirementResult csp = Offers.ValidIp().WithCsp(true).Evaluate().Requirement(RequirementIds.Csp);

        Assert.True(csp.Passed);
        Assert.StartsWith("The offer is configured for CSP resellers", csp.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockingFailures_NotReadyOffer_ListsOnlyStepOneAndThreeGaps()
    {
        Evaluation evaluation = Offers.ValidIp().WithBusinessProfileComplete(false).WithLandingPageUrl(null).WithAcrTtmUsd(0m).Evaluate();

        Assert.Equal(["1.business-profile", "3.landing-page"], evaluation.BlockingFailures.Select(r => r.Id));
        Assert.Equal(["1.business-profile", "3.landing-page", "4.azure-ip.revenue", "4.bizapps.isv-connect"], evaluation.Failures.Select(r => r.Id));
    }

    [Fact]
    public void BlockingFailures_ReadyOffer_IsEmpty()
    {
        Assert.Empty(Offers.ValidIp().WithAcrTtmUsd(0m).Evaluate().BlockingFailures);
    }
}
