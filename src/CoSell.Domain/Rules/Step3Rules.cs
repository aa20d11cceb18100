namespace CoSell.Domain.Rules;

/// <summary>Step 3: co-sell materials (contacts, documents, URLs) and, for services, a Gold competency.</summary>
internal static class Step3Rules
{
    public static IEnumerable<RequirementResult> Check(Submission submission, IReadOnlyList<CollateralFinding> collateral, OrganisationProfile organisation)
    {
        Offer offer = submission.Offer;
        CoSellMaterials materials = submission.Materials;

        yield return ContactRules.Check(offer.EligibleCountries, materials.Contacts);
        yield return OnePager(materials.Documents, collateral);
        yield return Presentation(materials.Documents, collateral);
        yield return LandingPage(materials.LandingPageUrl);
        yield return SocialOrEvidence(materials, collateral);
        if (offer.SolutionType == SolutionType.Services)
        {
            yield return GoldCompetency(organisation);
        }
    }

    private static RequirementResult OnePager(IReadOnlyList<CollateralDocument> documents, IReadOnlyList<CollateralFinding> collateral)
    {
        const string Title = "Customer one-pager";
        DocumentCheck check = DocumentCheck.Of(DocumentType.OnePager, documents, collateral);
        string reason = check.Outcome switch
        {
            DocumentOutcome.Valid => $"The customer one-pager '{check.FileName}' is uploaded and valid.",
            DocumentOutcome.Invalid => $"The customer one-pager '{check.FileName}' was rejected: {check.FindingReason}",
            DocumentOutcome.NotValidated => $"The customer one-pager '{check.FileName}' is not yet validated; it counts once its content has been checked.",
            _ => "No customer one-pager is uploaded; add one (at most 10 pages) in the Documents section.",
        };
        return new RequirementResult(RequirementIds.OnePager, 3, Title, check.Outcome == DocumentOutcome.Valid, reason);
    }

    private static RequirementResult Presentation(IReadOnlyList<CollateralDocument> documents, IReadOnlyList<CollateralFinding> collateral)
    {
        const string Title = "Customer presentation (optional)";
        DocumentCheck check = DocumentCheck.Of(DocumentType.Presentation, documents, collateral);
        string reason = check.Outcome switch
        {
            DocumentOutcome.Valid => $"The customer presentation '{check.FileName}' is uploaded and valid.",
            DocumentOutcome.Invalid => $"Optional: the customer presentation '{check.FileName}' was rejected: {check.FindingReason}",
            DocumentOutcome.NotValidated => $"Optional: the customer presentation '{check.FileName}' is not yet validated.",
            _ => "Optional: no customer presentation is uploaded; a pitch deck helps Microsoft sellers present the offer.",
        };
        return new RequirementResult(RequirementIds.Presentation, 3, Title, check.Outcome == DocumentOutcome.Valid, reason, Optional: true);
    }

    private static RequirementResult LandingPage(string? url)
    {
        const string Title = "Solution landing-page URL";
        string? problem = HttpsUrls.Problem(url);
        return new RequirementResult(
            RequirementIds.LandingPage,
            3,
            Title,
            problem is null,
            problem is null
                ? $"The solution landing page is {url}."
                : $"Solution landing-page URL: {problem}");
    }

    private static RequirementResult SocialOrEvidence(CoSellMaterials materials, IReadOnlyList<CollateralFinding> collateral)
    {
        const string Title = "Social-media channel URL or other evidence (e.g. a case study)";
        string? urlProblem = HttpsUrls.Problem(materials.SocialOrEvidenceUrl);
        if (urlProblem is null)
        {
            return new RequirementResult(RequirementIds.SocialOrEvidence, 3, Title, true, $"The social-media or evidence URL is {materials.SocialOrEvidenceUrl}.");
        }

        DocumentCheck caseStudy = DocumentCheck.Of(DocumentType.CaseStudy, materials.Documents, collateral);
        if (caseStudy.Outcome == DocumentOutcome.Valid)
        {
            return new RequirementResult(RequirementIds.SocialOrEvidence, 3, Title, true, $"The case study '{caseStudy.FileName}' is uploaded and valid evidence.");
        }

        string caseStudyPart = caseStudy.Outcome switch
        {
            DocumentOutcome.Invalid => $" The case study '{caseStudy.FileName}' was rejected: {caseStudy.FindingReason}",
            DocumentOutcome.NotValidated => $" The case study '{caseStudy.FileName}' is not yet validated.",
            _ => string.Empty,
        };
        string urlPart = materials.SocialOrEvidenceUrl is null ? string.Empty : $" Social-media or evidence URL: {urlProblem}";
        return new RequirementResult(
            RequirementIds.SocialOrEvidence,
            3,
            Title,
            false,
            "Add an https social-media channel URL or upload a case study as evidence." + urlPart + caseStudyPart);
    }

    private static RequirementResult GoldCompetency(OrganisationProfile organisation) => new(
        RequirementIds.GoldCompetency,
        3,
        "Active Gold competency (services)",
        organisation.GoldCompetencyActive,
        organisation.GoldCompetencyActive
            ? "Your organisation has an active Gold competency."
            : "Your organisation has no active Gold competency; services offers need one to become co-sell ready.");
}
