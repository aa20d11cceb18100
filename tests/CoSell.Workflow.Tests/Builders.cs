using CoSell.Domain;
using CoSell.Workflow.Messages;

namespace CoSell.Workflow.Tests;

/// <summary>Test data with valid defaults: an IP SaaS offer that passes steps 1 and 3 and the Azure IP track's IP-share rule.</summary>
public sealed class SubmissionBuilder
{
    private string partnerId = "contoso";
    private string offerId = "contoso-crm";
    private string name = "Contoso CRM";
    private int draftVersion = 1;
    private List<string> countries = ["US", "DE"];
    private readonly List<DocumentType> missing = [];

    public static SubmissionBuilder ValidIp() => new();

    public SubmissionBuilder WithIds(string partner, string offer)
    {
        partnerId = partner;
        offerId = offer;
        return this;
    }

    public SubmissionBuilder WithName(string value)
    {
        name = value;
        return this;
    }

    public SubmissionBuilder WithDraftVersion(int value)
    {
        draftVersion = value;
        return this;
    }

    /// <summary>Adds eligible countries that no sales contact covers.</summary>
    public SubmissionBuilder WithUncoveredCountries(params string[] codes)
    {
        countries = [.. countries, .. codes];
        return this;
    }

    public SubmissionBuilder WithoutDocument(DocumentType type)
    {
        missing.Add(type);
        return this;
    }

    public Submission Build()
    {
        var offer = new Offer(
            partnerId, offerId, name, SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: true, countries,
            CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true, BuiltOnAzure: true, RepeatableIpShare: 0.8m);
        List<CollateralDocument> documents =
        [
            .. new[] { DocumentType.OnePager, DocumentType.Presentation, DocumentType.CaseStudy }
                .Where(t => !missing.Contains(t))
                .Select(t => new CollateralDocument(t, $"{t}.pdf".ToLowerInvariant(), BlobName(t), 20_000)),
        ];
        var contacts = new List<SalesContact>
        {
            new("Ana Lopez", "ana@contoso.com", "Sales lead", "Sales", ["US"]),
            new("Jonas Weber", "jonas@contoso.com", "Account executive", "Sales", ["DE"]),
        };
        var materials = new CoSellMaterials(documents, "https://contoso.com/crm", "https://www.linkedin.com/company/contoso", contacts);
        return new Submission(offer, materials, draftVersion);
    }

    public string BlobName(DocumentType type) => $"{partnerId}/{offerId}/{type}/{type}.pdf".ToLowerInvariant();
}

public static class Organisations
{
    /// <summary>An organisation with the given ACR TTM this month (no billed revenue, no ISV Connect).</summary>
    public static OrganisationProfile WithAcr(string organisationId, decimal acrTtmUsd)
        => new(organisationId, "2026-10", acrTtmUsd, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false);
}

public static class Reviews
{
    public const string Partner = "pat@contoso.com";
    public const string Reviewer = "rita@microsoft.com";
    public const string SecondReviewer = "rob@microsoft.com";

    public static readonly DateTimeOffset SubmittedAt = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Long review windows (no reminder, no expiry during a test) and fast retries.</summary>
    public static ReviewPolicy Policy(params string[] reviewers) => new()
    {
        Reviewers = reviewers.Length == 0 ? [Reviewer] : reviewers,
        ReminderAfter = TimeSpan.FromHours(1),
        ExpireAfter = TimeSpan.FromHours(2),
        ActivityMaxAttempts = 4,
        ActivityFirstRetryInterval = TimeSpan.FromMilliseconds(200),
    };

    public static ReviewRequest For(Submission submission, ReviewPolicy? policy = null)
        => new(submission, Partner, SubmittedAt) { Policy = policy ?? Policy() };
}

/// <summary>Hand-made evaluations for activity and template tests (no rule engine involved).</summary>
public static class Evaluations
{
    public static Evaluation Incentivized() => new(
        CoSellStatus.CoSellIncentivized,
        [IncentiveTrack.AzureIp],
        [
            new RequirementResult("1.publishing", 1, "Marketplace publishing requirements", true, "The offer meets the publishing requirements."),
            new RequirementResult("3.contacts", 3, "Sales contacts", true, "Every eligible country has a sales contact."),
            new RequirementResult("4.azure-ip.revenue", 4, "Azure IP revenue", true, "ACR TTM is 150,000.00 USD."),
        ],
        [new Benefit("service-fee", "Reduced marketplace service fee", "The fee on billed sales drops from 20 % to 10 %.")]);

    public static Evaluation NotReady(params (string Id, string Reason)[] failures) => new(
        CoSellStatus.NotReady,
        [],
        [
            new RequirementResult("1.publishing", 1, "Marketplace publishing requirements", true, "The offer meets the publishing requirements."),
            .. failures.Select(f => new RequirementResult(f.Id, 3, $"Requirement {f.Id}", false, f.Reason)),
        ],
        []);
}
