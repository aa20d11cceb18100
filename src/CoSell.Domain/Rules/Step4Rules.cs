namespace CoSell.Domain.Rules;

/// <summary>
/// Step 4: the incentive tracks, always listed (they only count on top of Co-sell ready). The Azure IP requirements are
/// listed for IP solutions only, as the Gold competency is for services only; Business Applications for every offer.
/// </summary>
internal static class Step4Rules
{
    private const string RevenueTitle = "Azure IP: ACR TTM or billed revenue of at least 100,000.00 USD";
    private const string ShareTitle = "Azure IP: built on Azure with more than 50 % repeatable IP code";

    public static IEnumerable<RequirementResult> Check(Offer offer, OrganisationProfile organisation)
    {
        if (offer.SolutionType == SolutionType.IpSolution)
        {
            yield return AzureIpRevenue(offer, organisation);
            yield return AzureIpShare(offer);
        }

        yield return IsvConnect(organisation);
    }

    /// <summary>The tracks whose requirements all passed (before the Co-sell ready gate).</summary>
    public static IReadOnlyList<IncentiveTrack> Qualifying(Offer offer, IReadOnlyList<RequirementResult> requirements)
    {
        bool Passed(string id) => requirements.Any(r => r.Id == id && r.Passed);
        var tracks = new List<IncentiveTrack>(2);
        if (offer.SolutionType == SolutionType.IpSolution && Passed(RequirementIds.AzureIpRevenue) && Passed(RequirementIds.AzureIpShare))
        {
            tracks.Add(IncentiveTrack.AzureIp);
        }

        if (Passed(RequirementIds.BizAppsIsvConnect))
        {
            tracks.Add(IncentiveTrack.BusinessApplications);
        }

        return tracks;
    }

    private static RequirementResult AzureIpRevenue(Offer offer, OrganisationProfile organisation)
    {
        string threshold = Money.Usd(CoSellRules.RevenueThresholdUsd);
        if (organisation.Month is null)
        {
            return new RequirementResult(RequirementIds.AzureIpRevenue, 4, RevenueTitle, false,
                $"No revenue data is on file for organisation {organisation.OrganisationId}, so ACR TTM and billed revenue cannot be checked against the {threshold} threshold; it is re-checked every month.");
        }

        string acr = Money.Usd(organisation.AcrTtmUsd);
        string month = $"(revenue month {organisation.Month})";
        if (organisation.AcrTtmUsd >= CoSellRules.RevenueThresholdUsd)
        {
            return new RequirementResult(RequirementIds.AzureIpRevenue, 4, RevenueTitle, true,
                $"Organisation ACR TTM is {acr}, which meets the {threshold} threshold {month}.");
        }

        if (!offer.IsTransactable)
        {
            return new RequirementResult(RequirementIds.AzureIpRevenue, 4, RevenueTitle, false,
                $"Organisation ACR TTM is {acr}, below the {threshold} threshold {month}; billed revenue does not count because this offer is not transactable.");
        }

        List<SolutionRevenue> transactable = organisation.Solutions.Where(s => s.IsTransactable).ToList();
        decimal billed = transactable.Sum(s => s.BilledRevenueUsd);
        string billedText = transactable.Count == 0
            ? "no billed revenue is on file for any transactable Azure solution of the organisation"
            : $"billed revenue of the organisation's {transactable.Count} transactable Azure solution{(transactable.Count == 1 ? string.Empty : "s")} totals {Money.Usd(billed)}";
        return billed >= CoSellRules.RevenueThresholdUsd
            ? new RequirementResult(RequirementIds.AzureIpRevenue, 4, RevenueTitle, true,
                $"Organisation ACR TTM is {acr}, below the {threshold} threshold, but {billedText}, which meets it {month}.")
            : new RequirementResult(RequirementIds.AzureIpRevenue, 4, RevenueTitle, false,
                $"Organisation ACR TTM is {acr} and {billedText}; ACR TTM or the billed total must reach {threshold} {month}.");
    }

    private static RequirementResult AzureIpShare(Offer offer)
    {
        string share = Money.Percent(offer.RepeatableIpShare);
        bool enoughIp = offer.RepeatableIpShare > CoSellRules.MinimumRepeatableIpShareExclusive;
        string reason = (offer.BuiltOnAzure, enoughIp) switch
        {
            (true, true) => $"The solution is built on Azure with {share} repeatable IP code (more than 50 % is required).",
            (true, false) => $"The solution has {share} repeatable IP code; the Azure IP track needs more than 50 %.",
            (false, true) => $"The solution is not built on Azure; the Azure IP track needs a solution built on Azure (its repeatable IP code, {share}, is enough).",
            (false, false) => $"The solution is not built on Azure and has {share} repeatable IP code; the Azure IP track needs a solution built on Azure with more than 50 %.",
        };
        return new RequirementResult(RequirementIds.AzureIpShare, 4, ShareTitle, offer.BuiltOnAzure && enoughIp, reason);
    }

    private static RequirementResult IsvConnect(OrganisationProfile organisation) => new(
        RequirementIds.BizAppsIsvConnect,
        4,
        "Business Applications: active ISV Connect premium-tier enrolment",
        organisation.IsvConnectPremiumActive,
        organisation.IsvConnectPremiumActive
            ? "Your organisation has an active ISV Connect premium-tier enrolment."
            : "Your organisation has no active ISV Connect premium-tier enrolment; enrol in ISV Connect premium to qualify for the Business Applications track.");
}
