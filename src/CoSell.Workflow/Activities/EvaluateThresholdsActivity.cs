using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>Reads the organisation's latest revenue month; a partner without revenue data gets an empty profile (Month = null).</summary>
public sealed class EvaluateThresholdsActivity(IRevenueStore revenue)
{
    /// <param name="input">The partner (organisation) id.</param>
    public async Task<OrganisationProfile> RunAsync(string input, CancellationToken cancellationToken)
        => await revenue.GetLatestAsync(input, cancellationToken)
           ?? new OrganisationProfile(input, Month: null, AcrTtmUsd: 0m, Solutions: [], IsvConnectPremiumActive: false, GoldCompetencyActive: false);
}
