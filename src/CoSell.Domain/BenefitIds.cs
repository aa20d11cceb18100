namespace CoSell.Domain;

/// <summary>The stable ids of the benefits <see cref="BenefitCalculator"/> grants.</summary>
public static class BenefitIds
{
    public const string ServiceFee = "service-fee";
    public const string CspIncentive = "csp-incentive";
    public const string AzureBenefit = "azure-benefit";
    public const string PreferredBadge = "preferred-badge";
}
