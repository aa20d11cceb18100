namespace CoSell.Domain.Rules;

/// <summary>Step 1 (IP and services): publishing requirements and a complete business profile.</summary>
internal static class Step1Rules
{
    public static IEnumerable<RequirementResult> Check(Offer offer)
    {
        yield return new RequirementResult(
            RequirementIds.Publishing,
            1,
            "Meets the commercial marketplace publishing requirements",
            offer.MeetsPublishingRequirements,
            offer.MeetsPublishingRequirements
                ? "The offer meets the commercial marketplace publishing requirements."
                : "The offer does not meet the commercial marketplace publishing requirements yet; fix what Partner Center reports for the offer, then submit again.");

        yield return new RequirementResult(
            RequirementIds.BusinessProfile,
            1,
            "Complete business profile in Partner Center",
            offer.BusinessProfileComplete,
            offer.BusinessProfileComplete
                ? "Your business profile in Partner Center is complete."
                : "Your business profile in Partner Center is incomplete; complete it, then submit again.");
    }
}
