namespace CoSell.Domain;

/// <summary>Billed revenue (trailing 12 months) of one of the organisation's Azure solutions.</summary>
public sealed record SolutionRevenue(string OfferId, bool IsTransactable, decimal BilledRevenueUsd);

/// <summary>
/// What the programme knows about the partner's organisation for one month: Azure consumed revenue
/// (ACR TTM, organisation level), billed revenue of each Azure solution (the threshold may be met by their sum),
/// ISV Connect premium enrolment and Gold competency.
/// </summary>
/// <param name="Month">The revenue month, "YYYY-MM"; null when no revenue row exists for the organisation.</param>
public sealed record OrganisationProfile(
    string OrganisationId,
    string? Month,
    decimal AcrTtmUsd,
    IReadOnlyList<SolutionRevenue> Solutions,
    bool IsvConnectPremiumActive,
    bool GoldCompetencyActive);
