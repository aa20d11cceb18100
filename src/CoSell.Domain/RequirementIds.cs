namespace CoSell.Domain;

/// <summary>The stable ids of every requirement an <see cref="Evaluation"/> lists.</summary>
public static class RequirementIds
{
    public const string Publishing = "1.publishing";
    public const string BusinessProfile = "1.business-profile";
    public const string Csp = "2.csp";
    public const string Contacts = "3.contacts";
    public const string OnePager = "3.one-pager";
    public const string Presentation = "3.presentation";
    public const string LandingPage = "3.landing-page";
    public const string SocialOrEvidence = "3.social-or-evidence";
    public const string GoldCompetency = "3.gold-competency";
    public const string AzureIpRevenue = "4.azure-ip.revenue";
    public const string AzureIpShare = "4.azure-ip.ip-share";
    public const string BizAppsIsvConnect = "4.bizapps.isv-connect";

    /// <summary>Added by <see cref="CoSellRules.ApplyReview"/> (rejected) and <see cref="CoSellRules.Expire"/>; step 3, because Microsoft reviews the co-sell materials.</summary>
    public const string ReviewDecision = "review.decision";
}
