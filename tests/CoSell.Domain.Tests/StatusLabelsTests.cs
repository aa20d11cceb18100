namespace CoSell.Domain.Tests;

public class StatusLabelsTests
{
    [Fact]
    public void For_NotReady_IsInMarket()
    {
        Assert.Equal(["In market"], StatusLabels.For(CoSellStatus.NotReady, []));
    }

    [Fact]
    public void For_CoSellReady_IsCoSellReady()
    {
        Assert.Equal(["Co-sell ready"], StatusLabels.For(CoSellStatus.CoSellReady, []));
    }

    [Fact]
    public void For_IncentivizedOnAzureIp_IsAzureIpCoSellEligible()
    {
        Assert.Equal(["Azure IP co-sell eligible"], StatusLabels.For(CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp]));
    }

    [Fact]
    public void For_IncentivizedOnBothTracks_ListsAzureIpFirst()
    {
        IReadOnlyList<string> labels = StatusLabels.For(CoSellStatus.CoSellIncentivized, [IncentiveTrack.BusinessApplications, IncentiveTrack.AzureIp]);

        Assert.Equal(["Azure IP co-sell eligible", "Business Applications co-sell eligible"], labels);
    }

    [Fact]
    public void Label_BothTracks_JoinsWithAnd()
    {
        Assert.Equal(
            "Azure IP co-sell eligible and Business Applications co-sell eligible",
            StatusLabels.Label(CoSellStatus.CoSellIncentivized, [IncentiveTrack.AzureIp, IncentiveTrack.BusinessApplications]));
    }

    [Fact]
    public void Label_NotReady_IsInMarket()
    {
        Assert.Equal("In market", StatusLabels.Label(CoSellStatus.NotReady, []));
    }

    [Fact]
    public void For_IncentivizedWithoutTracks_FallsBackToCoSellReady()
    {
        Assert.Equal(["Co-sell ready"], StatusLabels.For(CoSellStatus.CoSellIncentivized, []));
    }
}
