namespace CoSell.Domain.Rules;

/// <summary>Step 2 (optional, IP and services): configured for CSP resellers. Never changes the status.</summary>
internal static class Step2Rules
{
    public static RequirementResult Check(Offer offer) => new(
        RequirementIds.Csp,
        2,
        "Configured for Cloud Solution Provider (CSP) resellers (optional)",
        offer.CspConfigured,
        offer.CspConfigured
            ? "The offer is configured for CSP resellers, so CSP partners can resell it; once the offer is Azure IP co-sell incentivized, CSP partners selling a SaaS or IaaS offer earn a 10 % sales incentive."
            : "Optional: the offer is not configured for CSP resellers. Configuring it lets CSP partners resell the offer and enables the CSP benefit: a 10 % sales incentive for CSP partners once a SaaS or IaaS offer is Azure IP co-sell incentivized.",
        Optional: true);
}
