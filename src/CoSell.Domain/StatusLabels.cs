namespace CoSell.Domain;

/// <summary>Today's Partner Center names for a status (SPEC §4), for display only; the model keeps the seed's three statuses.</summary>
public static class StatusLabels
{
    public const string InMarket = "In market";
    public const string CoSellReady = "Co-sell ready";
    public const string AzureIpEligible = "Azure IP co-sell eligible";
    public const string BusinessApplicationsEligible = "Business Applications co-sell eligible";

    /// <summary>
    /// NotReady → "In market"; CoSellReady → "Co-sell ready"; CoSellIncentivized → one label per qualifying track
    /// (Azure IP first), or "Co-sell ready" when no track is given.
    /// </summary>
    public static IReadOnlyList<string> For(CoSellStatus status, IReadOnlyList<IncentiveTrack> tracks)
    {
        if (status == CoSellStatus.NotReady)
        {
            return [InMarket];
        }

        var labels = new List<string>(2);
        if (status == CoSellStatus.CoSellIncentivized && tracks is not null)
        {
            if (tracks.Contains(IncentiveTrack.AzureIp))
            {
                labels.Add(AzureIpEligible);
            }

            if (tracks.Contains(IncentiveTrack.BusinessApplications))
            {
                labels.Add(BusinessApplicationsEligible);
            }
        }

        return labels.Count > 0 ? labels : [CoSellReady];
    }

    /// <summary>The labels of <see cref="For"/> as one line: "Azure IP co-sell eligible and Business Applications co-sell eligible".</summary>
    public static string Label(CoSellStatus status, IReadOnlyList<IncentiveTrack> tracks) => string.Join(" and ", For(status, tracks));
}
