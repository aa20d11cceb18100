namespace CoSell.Domain.Tests;

public class BenefitCalculatorTests
{
    public static TheoryData<decimal, bool, decimal> Fees => new()
    {
        { 1_000.00m, false, 200.00m },
        { 1_000.00m, true, 100.00m },
        { 0m, false, 0m },
        { 0.05m, true, 0.01m },
        { 0.25m, false, 0.05m },
        { 0.15m, true, 0.02m },
        { 0.14m, true, 0.01m },
        { 123_456.78m, true, 12_345.68m },
        { 123_456.78m, false, 24_691.36m },
    };

    [Theory]
    [MemberData(nameof(Fees))]
    public void ServiceFee_BilledAmount_Is20Or10PercentRoundedToCentsAwayFromZero(decimal billedUsd, bool reduced, decimal expected)
    {
        Assert.Equal(expected, BenefitCalculator.ServiceFee(billedUsd, reduced));
    }

    [Fact]
    public void ServiceFee_NegativeBilledAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenefitCalculator.ServiceFee(-0.01m, reduced: true));
    }

    [Fact]
    public void Evaluate_IncentivizedTransactableSaasWithCsp_UnlocksAllFourBenefits()
    {
        Evaluation evaluation = Offers.ValidIp().Evaluate();

        Assert.Equal(["service-fee", "csp-incentive", "azure-benefit", "preferred-badge"], evaluation.Benefits.Select(b => b.Id));
        Assert.Equal("The marketplace service fee on this offer's billed sales drops from 20 % to 10 %.", evaluation.Benefits[0].Detail);
        Assert.Equal("CSP partners earn a 10 % sales incentive for reselling this offer.", evaluation.Benefits[1].Detail);
        Assert.Equal("Azure benefit eligible", evaluation.Benefits[2].Title);
        Assert.Contains("Azure consumption commitment", evaluation.Benefits[2].Detail, StringComparison.Ordinal);
        Assert.Equal("Preferred solution badge", evaluation.Benefits[3].Title);
    }

    [Theory]
    [InlineData(OfferKind.SaaS)]
    [InlineData(OfferKind.VirtualMachine)]
    [InlineData(OfferKind.Container)]
    [InlineData(OfferKind.AzureApplication)]
    public void For_TransactableSaasOrIaas_ReducesTheServiceFee(OfferKind kind)
    {
        Offer offer = Offers.ValidIp().WithKind(kind).Transactable(true).BuildOffer();

        IReadOnlyList<Benefit> benefits = BenefitCalculator.For(offer, CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]);

        Assert.Contains(benefits, b => b.Id == BenefitIds.ServiceFee);
    }

    [Theory]
    [InlineData(OfferKind.IoTEdgeModule)]
    [InlineData(OfferKind.DynamicsApp)]
    [InlineData(OfferKind.PowerPlatformApp)]
    public void For_TransactableButNotSaasOrIaas_KeepsTheStandardFee(OfferKind kind)
    {
        Offer offer = Offers.ValidIp().WithKind(kind).Transactable(true).BuildOffer();

        IReadOnlyList<Benefit> benefits = BenefitCalculator.For(offer, CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]);

        Assert.DoesNotContain(benefits, b => b.Id == BenefitIds.ServiceFee);
        Assert.DoesNotContain(benefits, b => b.Id == BenefitIds.CspIncentive);
        Assert.Equal(["azure-benefit", "preferred-badge"], benefits.Select(b => b.Id));
    }

    [Fact]
    public void For_NonTransactableSaas_HasNoServiceFeeBenefit()
    {
        Offer offer = Offers.ValidIp().Transactable(false).BuildOffer();

        IReadOnlyList<Benefit> benefits = BenefitCalculator.For(offer, CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]);

        Assert.DoesNotContain(benefits, b => b.Id == BenefitIds.ServiceFee);
    }

    [Fact]
    public void For_SaasNotConfiguredForCsp_HasNoCspIncentive()
    {
        Offer offer = Offers.ValidIp().WithCsp(false).BuildOffer();

        IReadOnlyList<Benefit> benefits = BenefitCalculator.For(offer, CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]);

        Assert.Equal(["service-fee", "azure-benefit", "preferred-badge"], benefits.Select(b => b.Id));
    }

    [Fact]
    public void For_VirtualMachineConfiguredForCsp_HasCspIncentive()
    {
        Offer offer = Offers.ValidIp().WithKind(OfferKind.VirtualMachine).WithCsp(true).BuildOffer();

        Assert.Contains(BenefitCalculator.For(offer, CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]), b => b.Id == BenefitIds.CspIncentive);
    }

    [Theory]
    [InlineData(CoSellStatus.NotReady)]
    [InlineData(CoSellStatus.CoSellReady)]
    public void For_NotIncentivized_HasNoBenefits(CoSellStatus status)
    {
        Assert.Empty(BenefitCalculator.For(Offers.ValidIp().BuildOffer(), status, [IncentiveTrack.AzureIp]));
    }

    [Fact]
    public void For_IncentivizedOnBusinessApplicationsOnly_HasNoBenefits()
    {
        Assert.Empty(BenefitCalculator.For(Offers.ValidIp().BuildOffer(), CoSellStatus.CoSellIncentivized, [IncentiveTrack.BusinessApplications]));
    }

    [Fact]
    public void Evaluate_OnlyCoSellReady_HasNoBenefits()
    {
        Assert.Empty(Offers.ValidIp().WithAcrTtmUsd(99_999.99m).Evaluate().Benefits);
    }
}
