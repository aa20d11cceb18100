namespace CoSell.Domain;

/// <summary>
/// An offer as the partner describes it in the "Co-sell with Microsoft" tab. The partner id is the
/// organisation whose revenue counts for the Azure IP track.
/// </summary>
/// <param name="EligibleCountries">ISO 3166-1 alpha-2 codes (upper case) where the offer is sold.</param>
/// <param name="RepeatableIpShare">Share of repeatable IP code in the solution, 0..1 (Azure IP track needs more than 0.50).</param>
public sealed record Offer(
    string PartnerId,
    string OfferId,
    string Name,
    SolutionType SolutionType,
    OfferKind Kind,
    bool IsTransactable,
    IReadOnlyList<string> EligibleCountries,
    bool CspConfigured,
    bool MeetsPublishingRequirements,
    bool BusinessProfileComplete,
    bool BuiltOnAzure,
    decimal RepeatableIpShare);

/// <summary>One sales contact (Contacts section); countries are ISO alpha-2 codes or "OOO" for all other countries.</summary>
public sealed record SalesContact(
    string Name,
    string Email,
    string? JobTitle,
    string? Role,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string>? States = null);

/// <summary>A document uploaded to the Documents section. <paramref name="BlobName"/> is where its bytes live.</summary>
public sealed record CollateralDocument(DocumentType Type, string FileName, string BlobName, long SizeBytes);

/// <summary>The co-sell materials of an offer.</summary>
public sealed record CoSellMaterials(
    IReadOnlyList<CollateralDocument> Documents,
    string? LandingPageUrl,
    string? SocialOrEvidenceUrl,
    IReadOnlyList<SalesContact> Contacts);

/// <summary>What "Review and publish" submits: one draft version of one offer.</summary>
public sealed record Submission(Offer Offer, CoSellMaterials Materials, int DraftVersion);
