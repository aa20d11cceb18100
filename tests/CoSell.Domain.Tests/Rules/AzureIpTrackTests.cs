namespace CoSell.Domain.Tests.Rules;

public class AzureIpTrackTests
{
    public static TheoryData<decimal, CoSellStatus> AcrTtmBoundaries => new()
    {
        { 100_000.00m, CoSellStatus.CoSellIncentivized },
        { 100_000.01m, CoSellStatus.CoSellIncentivized },
        { 99_999.99m, CoSellStatus.CoSellReady },
        { 0m, CoSellStatus.CoSellReady },
    };

    [Theory]
    [MemberData(nameof(AcrTtmBoundaries))]
    public void Evaluate_AcrTtmAroundThreshold_MeetsOrExceeds100k(decimal acrTtmUsd, CoSellStatus expected)
    {
        Evaluation evaluation = Offers.ValidIp().WithAcrTtmUsd(acrTtmUsd).Evaluate();

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_AcrExactly100k_ExplainsWithFigures()
    {
        RequirementResult revenue = Offers.ValidIp().WithAcrTtmUsd(100_000.00m).Evaluate().Requirement(RequirementIds.AzureIpRevenue);

        Assert.True(revenue.Passed);
        Assert.Equal(4, revenue.Step);
        Assert.Equal("Organisation ACR TTM is 100,000.00 USD, which meets the 100,000.00 USD threshold (revenue month 2026-10).", revenue.Reason);
    }

    [Fact]
    public void Evaluate_AcrJustBelowAndNoBilledRevenue_ExplainsBothFigures()
    {
        Evaluation evaluation = Offers.ValidIp().WithAcrTtmUsd(99_999.99m).Evaluate();

        Assert.Empty(evaluation.Tracks);
        Assert.Equal(
            "Organisation ACR TTM is 99,999.99 USD and no billed revenue is on file for any transactable Azure solution of the organisation; ACR TTM or the billed total must reach 100,000.00 USD (revenue month 2026-10).",
            evaluation.Requirement(RequirementIds.AzureIpRevenue).Reason);
    }

    public static TheoryData<decimal, decimal, CoSellStatus> BilledSums => new()
    {
        { 60_000.00m, 40_000.00m, CoSellStatus.CoSellIncentivized },
        { 60_000.00m, 39_999.99m, CoSellStatus.CoSellReady },
        { 99_999.99m, 0.01m, CoSellStatus.CoSellIncentivized },
        { 0m, 0m, CoSellStatus.CoSellReady },
    };

    [Theory]
    [MemberData(nameof(BilledSums))]
    public void Evaluate_BilledRevenueSummedAcrossSolutions_MeetsOrExceeds100k(decimal first, decimal second, CoSellStatus expected)
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithAcrTtmUsd(10_000m)
            .WithSolutionRevenue("contoso-analytics", first)
            .WithSolutionRevenue("contoso-vm", second)
            .Evaluate();

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_BilledRevenueOfThreeSolutionsReachesThreshold_ExplainsTheSum()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithAcrTtmUsd(20_000m)
            .WithSolutionRevenue("contoso-analytics", 40_000m)
            .WithSolutionRevenue("contoso-vm", 35_000m)
            .WithSolutionRevenue("contoso-container", 25_000m)
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellIncentivized, evaluation.Status);
        Assert.Equal(
            "Organisation ACR TTM is 20,000.00 USD, below the 100,000.00 USD threshold, but billed revenue of the organisation's 3 transactable Azure solutions totals 100,000.00 USD, which meets it (revenue month 2026-10).",
            evaluation.Requirement(RequirementIds.AzureIpRevenue).Reason);
    }

    [Fact]
    public void Evaluate_BilledRevenueBelowThreshold_ExplainsTheSum()
    {
        RequirementResult revenue = Offers.ValidIp()
            .WithAcrTtmUsd(1_234.5m)
            .WithSolutionRevenue("contoso-analytics", 60_000m)
            .WithSolutionRevenue("contoso-vm", 39_999.99m)
            .Evaluate()
            .Requirement(RequirementIds.AzureIpRevenue);

        Assert.False(revenue.Passed);
        Assert.Equal(
            "Organisation ACR TTM is 1,234.50 USD and billed revenue of the organisation's 2 transactable Azure solutions totals 99,999.99 USD; ACR TTM or the billed total must reach 100,000.00 USD (revenue month 2026-10).",
            revenue.Reason);
    }

    [Fact]
    public void Evaluate_NonTransactableSolutionsOfTheOrganisation_DoNotCountTowardBilledRevenue()
    {
        Evaluation evaluation = Offers.ValidIp()
            .WithAcrTtmUsd(0m)
            .WithSolutionRevenue("contoso-analytics", 90_000m)
            .WithSolutionRevenue("contoso-byol", 50_000m, transactable: false)
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        Assert.Contains("1 transactable Azure solution totals 90,000.00 USD", evaluation.Requirement(RequirementIds.AzureIpRevenue).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonTransactableOffer_IgnoresBilledRevenue()
    {
        Evaluation evaluation = Offers.ValidIp()
            .Transactable(false)
            .WithAcrTtmUsd(99_999.99m)
            .WithSolutionRevenue("contoso-vm", 500_000m)
            .Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        Assert.Equal(
            "Organisation ACR TTM is 99,999.99 USD, below the 100,000.00 USD threshold (revenue month 2026-10); billed revenue does not count because this offer is not transactable.",
            evaluation.Requirement(RequirementIds.AzureIpRevenue).Reason);
    }

    [Fact]
    public void Evaluate_NonTransactableOfferWithEnoughAcr_IsIncentivized()
    {
        Assert.Equal(CoSellStatus.CoSellIncentivized, Offers.ValidIp().Transactable(false).WithAcrTtmUsd(150_000m).Evaluate().Status);
    }

    [Fact]
    public void Evaluate_NoRevenueDataOnFile_FailsSayingSo()
    {
        Evaluation evaluation = Offers.ValidIp().WithoutRevenueData().Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        RequirementResult revenue = evaluation.Requirement(RequirementIds.AzureIpRevenue);
        Assert.False(revenue.Passed);
        Assert.Equal(
            "No revenue data is on file for organisation contoso, so ACR TTM and billed revenue cannot be checked against the 100,000.00 USD threshold; it is re-checked every month.",
            revenue.Reason);
    }

    public static TheoryData<decimal, CoSellStatus> IpShareBoundaries => new()
    {
        { 0.50m, CoSellStatus.CoSellReady },
        { 0.5000001m, CoSellStatus.CoSellIncentivized },
        { 0.49m, CoSellStatus.CoSellReady },
        { 1m, CoSellStatus.CoSellIncentivized },
        { 0m, CoSellStatus.CoSellReady },
    };

    [Theory]
    [MemberData(nameof(IpShareBoundaries))]
    public void Evaluate_RepeatableIpShareAroundHalf_NeedsMoreThan50Percent(decimal share, CoSellStatus expected)
    {
        Assert.Equal(expected, Offers.ValidIp().WithRepeatableIpShare(share).Evaluate().Status);
    }

    [Fact]
    public void Evaluate_RepeatableIpExactlyHalf_ExplainsTheShare()
    {
        RequirementResult share = Offers.ValidIp().WithRepeatableIpShare(0.50m).Evaluate().Requirement(RequirementIds.AzureIpShare);

        Assert.False(share.Passed);
        Assert.Equal("The solution has 50 % repeatable IP code; the Azure IP track needs more than 50 %.", share.Reason);
    }

    [Fact]
    public void Evaluate_RepeatableIpJustAboveHalf_ExplainsTheShare()
    {
        RequirementResult share = Offers.ValidIp().WithRepeatableIpShare(0.5000001m).Evaluate().Requirement(RequirementIds.AzureIpShare);

        Assert.True(share.Passed);
        Assert.Equal("The solution is built on Azure with 50.00001 % repeatable IP code (more than 50 % is required).", share.Reason);
    }

    [Fact]
    public void Evaluate_NotBuiltOnAzure_IsOnlyReadyAndSaysWhy()
    {
        Evaluation evaluation = Offers.ValidIp().BuiltOnAzure(false).Evaluate();

        Assert.Equal(CoSellStatus.CoSellReady, evaluation.Status);
        Assert.Equal(
            "The solution is not built on Azure; the Azure IP track needs a solution built on Azure (its repeatable IP code, 75 %, is enough).",
            evaluation.Requirement(RequirementIds.AzureIpShare).Reason);
    }

    [Fact]
    public void Evaluate_NotBuiltOnAzureAndLittleIp_ExplainsBoth()
    {
        RequirementResult share = Offers.ValidIp().BuiltOnAzure(false).WithRepeatableIpShare(0.3m).Evaluate().Requirement(RequirementIds.AzureIpShare);

        Assert.Equal(
            "The solution is not built on Azure and has 30 % repeatable IP code; the Azure IP track needs a solution built on Azure with more than 50 %.",
            share.Reason);
    }

    [Fact]
    public void Evaluate_TrackQualifiesButMaterialsFail_IsNotReadyWithoutTracksButStillListsStepFour()
    {
        Evaluation evaluation = Offers.ValidIp().WithLandingPageUrl(null).Evaluate();

        Assert.Equal(CoSellStatus.NotReady, evaluation.Status);
        Assert.Empty(evaluation.Tracks);
        Assert.Empty(evaluation.Benefits);
        Assert.True(evaluation.Requirement(RequirementIds.AzureIpRevenue).Passed);
        Assert.True(evaluation.Requirement(RequirementIds.AzureIpShare).Passed);
    }
}
