namespace CoSell.Domain.Tests.Rules;

public class BusinessApplicationsTrackTests
{
    [Fact]
    public void Evaluate_IsvConnectPremiumWithoutAzureRevenue_IsIncentivizedOnBusinessApplications()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithSolutionType(SolutionType.IpSolution, OfferKind.DynamicsApp)
            .WithAcrTtmUsd(0m)
            .WithIsvConnectPremium(true)
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal([IncentiveTrack.BusinessApplications], evaluation.Tracks);
        Assert.Equal("Your organisation has an active ISV Connect premium-tier enrolment.", evaluation.Requirement(RequirementIds.BizAppsIsvConnect).Reason);
    }

    [Fact]
    public void Evaluate_BothTracksQualify_ListsBoth()
    {
        Evaluation evaluation = Offers.ValidIp().WithIsvConnectPremium(true).Evaluate();

        Assert.Equal([IncentiveTrack.AzureIp, IncentiveTrack.BusinessApplications], evaluation.Tracks);
    }

    [Fact]
    public void Evaluate_NoIsvConnect_ExplainsHowToQualify()
    {
        RequirementResult isv = Offers.ValidIp().Evaluate().Requirement(RequirementIds.BizAppsIsvConnect);

        Assert.False(isv.Passed);
        Assert.Equal(4, isv.Step);
        Assert.Equal(
            "Your organisation has no active ISV Connect premium-tier enrolment; enrol in ISV Connect premium to qualify for the Business Applications track.",
            isv.Reason);
    }

    [Fact]
    public void Evaluate_IsvConnectButNotReady_StaysNotReady()
    {
        Evaluation evaluation = Offers.ValidIp().WithIsvConnectPremium(true).WithContacts().Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Empty(evaluation.Tracks);
    }
}
