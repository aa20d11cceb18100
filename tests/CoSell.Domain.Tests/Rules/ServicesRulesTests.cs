namespace CoSell.Domain.Tests.Rules;

public class ServicesRulesTests
{
    [Fact]
    public void Evaluate_ValidServices_IsCoSellReadyWithGoldListed()
    {
        Evaluation evaluation = Offers.ValidServices().Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        Assert.Empty(evaluation.Tracks);
        RequirementResult gold = evaluation.Requirement(RequirementIds.GoldCompetency);
        Assert.True(gold.Passed);
        Assert.Equal(3, gold.Step);
        Assert.Equal("Your organisation has an active Gold competency.", gold.Reason);
    }

    [Fact]
    public void Evaluate_ServicesWithoutGold_IsNotReadyAndSaysWhy()
    {
        Evaluation evaluation = Offers.ValidServices().WithGoldCompetency(false).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Equal(
            "Your organisation has no active Gold competency; services offers need one to become co-sell ready.",
            evaluation.Requirement(RequirementIds.GoldCompetency).Reason);
    }

    public static TheoryData<OfferKind, decimal, bool> StrongServicesProfiles => new()
    {
        { OfferKind.Consulting, 0m, false },
        { OfferKind.Consulting, 5_000_000m, true },
        { OfferKind.ManagedService, 100_000m, true },
        { OfferKind.ManagedService, 250_000m, false },
    };

    [Theory]
    [MemberData(nameof(StrongServicesProfiles))]
    public void Evaluate_ServicesWithoutGold_IsNeverReadyWhateverTheRevenueOrIsvConnect(OfferKind kind, decimal acr, bool isvConnect)
    {
        Evaluation evaluation = Offers.ValidServices()
            .WithSolutionType(SolutionType.Services, kind)
            .WithGoldCompetency(false)
            .WithAcrTtmUsd(acr)
            .WithIsvConnectPremium(isvConnect)
            .WithCsp(true)
            .Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Empty(evaluation.Tracks);
    }

    [Fact]
    public void Evaluate_IpSolution_HasNoGoldRequirement()
    {
        Evaluation evaluation = Offers.ValidIp().WithGoldCompetency(false).Evaluate();

        Assert.False(evaluation.Has(RequirementIds.GoldCompetency));
        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
    }

    [Fact]
    public void Evaluate_ServicesWithHighAcr_HaveNoAzureIpTrack()
    {
        Evaluation evaluation = Offers.ValidServices().WithAcrTtmUsd(1_000_000m).Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        Assert.False(evaluation.Has(RequirementIds.AzureIpRevenue));
        Assert.False(evaluation.Has(RequirementIds.AzureIpShare));
        Assert.True(evaluation.Has(RequirementIds.BizAppsIsvConnect));
    }

    [Fact]
    public void Evaluate_ServicesWithIsvConnect_IsIncentivizedOnBusinessApplications()
    {
        Evaluation evaluation = Offers.ValidServices().WithIsvConnectPremium(true).Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal([IncentiveTrack.BusinessApplications], evaluation.Tracks);
        Assert.Empty(evaluation.Benefits);
    }
}
