using CoSell.Domain;

namespace CoSell.Domain.Tests;

/// <summary>
/// Test data with valid defaults. <see cref="Offers.ValidIp"/> is a transactable SaaS IP solution that reaches
/// Co-sell incentivized on the Azure IP track (ACR TTM 250,000.00 USD); change one thing and evaluate:
/// <c>Offers.ValidIp().WithAcrTtmUsd(99_999.99m).Evaluate()</c>. Depends only on CoSell.Domain, so other test
/// projects can link this file.
/// </summary>
public static class Offers
{
    public const string PartnerId = "contoso";

    /// <summary>A transactable SaaS IP solution, CSP configured, built on Azure with 75 % repeatable IP, sold in US, DE and FR, every material valid; ACR TTM 250,000.00 USD.</summary>
    public static OfferBuilder ValidIp() => new();

    /// <summary>A non-transactable consulting offer with every material valid and an active Gold competency.</summary>
    public static OfferBuilder ValidServices() => new OfferBuilder()
        .WithSolutionType(SolutionType.Services, OfferKind.Consulting)
        .Transactable(false)
        .WithCsp(false)
        .WithRepeatableIpShare(0m)
        .WithGoldCompetency(true);
}

/// <summary>Sales contacts for builders.</summary>
public static class SalesContacts
{
    public static SalesContact For(string email, params string[] countries) => new("Sales Contact", email, "Account executive", "Sales", countries);
}

/// <summary>Builds a <see cref="Submission"/>, its <see cref="CollateralFinding"/>s and the partner's <see cref="OrganisationProfile"/>.</summary>
public sealed class OfferBuilder
{
    private readonly List<(CollateralDocument Document, CollateralFinding? Finding)> _documents =
    [
        Valid(DocumentType.OnePager, "one-pager.pdf"),
        Valid(DocumentType.Presentation, "pitch.pptx"),
    ];

    private readonly List<SolutionRevenue> _solutions = [];
    private string _partnerId = Offers.PartnerId;
    private string _organisationId = Offers.PartnerId;
    private string _offerId = "contoso-analytics";
    private string _name = "Contoso Analytics";
    private SolutionType _solutionType = SolutionType.IpSolution;
    private OfferKind _kind = OfferKind.SaaS;
    private bool _transactable = true;
    private List<string> _countries = ["US", "DE", "FR"];
    private bool _csp = true;
    private bool _publishing = true;
    private bool _businessProfile = true;
    private bool _builtOnAzure = true;
    private decimal _ipShare = 0.75m;
    private List<SalesContact> _contacts = [SalesContacts.For("ada@contoso.com", "US", "DE", "FR")];
    private string? _landingPage = "https://www.contoso.com/analytics";
    private string? _socialOrEvidence = "https://www.linkedin.com/company/contoso";
    private int _draftVersion = 1;
    private string? _month = "2026-10";
    private decimal _acrTtmUsd = 250_000.00m;
    private bool _isvConnect;
    private bool _gold;

    /// <summary>Sets the offer's partner and the organisation id together.</summary>
    public OfferBuilder WithPartnerId(string partnerId)
    {
        _partnerId = partnerId;
        _organisationId = partnerId;
        return this;
    }

    /// <summary>Sets only the organisation's id (to build a mismatch).</summary>
    public OfferBuilder WithOrganisationId(string organisationId)
    {
        _organisationId = organisationId;
        return this;
    }

    public OfferBuilder WithOfferId(string offerId)
    {
        _offerId = offerId;
        return this;
    }

    public OfferBuilder WithName(string name)
    {
        _name = name;
        return this;
    }

    public OfferBuilder WithSolutionType(SolutionType type, OfferKind kind)
    {
        _solutionType = type;
        _kind = kind;
        return this;
    }

    public OfferBuilder WithKind(OfferKind kind)
    {
        _kind = kind;
        return this;
    }

    public OfferBuilder Transactable(bool transactable = true)
    {
        _transactable = transactable;
        return this;
    }

    public OfferBuilder WithEligibleCountries(params string[] countries)
    {
        _countries = [.. countries];
        return this;
    }

    public OfferBuilder WithCsp(bool configured)
    {
        _csp = configured;
        return this;
    }

    public OfferBuilder MeetingPublishingRequirements(bool meets)
    {
        _publishing = meets;
        return this;
    }

    public OfferBuilder WithBusinessProfileComplete(bool complete)
    {
        _businessProfile = complete;
        return this;
    }

    public OfferBuilder BuiltOnAzure(bool builtOnAzure)
    {
        _builtOnAzure = builtOnAzure;
        return this;
    }

    public OfferBuilder WithRepeatableIpShare(decimal share)
    {
        _ipShare = share;
        return this;
    }

    /// <summary>Replaces every sales contact.</summary>
    public OfferBuilder WithContacts(params SalesContact[] contacts)
    {
        _contacts = [.. contacts];
        return this;
    }

    public OfferBuilder AddContact(string email, params string[] countries)
    {
        _contacts.Add(SalesContacts.For(email, countries));
        return this;
    }

    /// <summary>Adds a document with a finding: valid by default, otherwise rejected with <paramref name="reason"/>.</summary>
    public OfferBuilder WithDocument(DocumentType type, string fileName, bool valid = true, string reason = "The document is readable and within the limits.")
    {
        CollateralDocument document = Document(type, fileName);
        _documents.Add((document, new CollateralFinding(type, fileName, valid, reason)));
        return this;
    }

    /// <summary>Adds a document that has no collateral finding yet.</summary>
    public OfferBuilder WithUnvalidatedDocument(DocumentType type, string fileName)
    {
        _documents.Add((Document(type, fileName), null));
        return this;
    }

    /// <summary>Adds a document exactly as given (e.g. to list one twice), with a valid finding.</summary>
    public OfferBuilder WithRawDocument(CollateralDocument document)
    {
        _documents.Add((document, new CollateralFinding(document.Type, document.FileName, true, "Valid.")));
        return this;
    }

    public OfferBuilder WithoutDocuments(DocumentType type)
    {
        _documents.RemoveAll(d => d.Document.Type == type);
        return this;
    }

    public OfferBuilder WithLandingPageUrl(string? url)
    {
        _landingPage = url;
        return this;
    }

    public OfferBuilder WithSocialOrEvidenceUrl(string? url)
    {
        _socialOrEvidence = url;
        return this;
    }

    public OfferBuilder WithDraftVersion(int version)
    {
        _draftVersion = version;
        return this;
    }

    public OfferBuilder WithAcrTtmUsd(decimal acrTtmUsd)
    {
        _acrTtmUsd = acrTtmUsd;
        return this;
    }

    /// <summary>Adds one of the organisation's Azure solutions with its billed revenue (TTM).</summary>
    public OfferBuilder WithSolutionRevenue(string offerId, decimal billedUsd, bool transactable = true)
    {
        _solutions.Add(new SolutionRevenue(offerId, transactable, billedUsd));
        return this;
    }

    public OfferBuilder WithRevenueMonth(string? month)
    {
        _month = month;
        return this;
    }

    /// <summary>No revenue row for the organisation: Month null and no revenue.</summary>
    public OfferBuilder WithoutRevenueData()
    {
        _month = null;
        _acrTtmUsd = 0m;
        _solutions.Clear();
        return this;
    }

    public OfferBuilder WithIsvConnectPremium(bool active)
    {
        _isvConnect = active;
        return this;
    }

    public OfferBuilder WithGoldCompetency(bool active)
    {
        _gold = active;
        return this;
    }

    public Offer BuildOffer() => new(
        _partnerId, _offerId, _name, _solutionType, _kind, _transactable, [.. _countries],
        _csp, _publishing, _businessProfile, _builtOnAzure, _ipShare);

    public Submission Build() => new(
        BuildOffer(),
        new CoSellMaterials([.. _documents.Select(d => d.Document)], _landingPage, _socialOrEvidence, [.. _contacts]),
        _draftVersion);

    public IReadOnlyList<CollateralFinding> BuildFindings() => [.. _documents.Where(d => d.Finding is not null).Select(d => d.Finding!)];

    public OrganisationProfile BuildOrganisation() => new(_organisationId, _month, _acrTtmUsd, [.. _solutions], _isvConnect, _gold);

    /// <summary>Runs <see cref="CoSellRules.Evaluate"/> on what this builder holds.</summary>
    public Evaluation Evaluate() => CoSellRules.Evaluate(Build(), BuildFindings(), BuildOrganisation());

    private static (CollateralDocument, CollateralFinding?) Valid(DocumentType type, string fileName)
        => (Document(type, fileName), new CollateralFinding(type, fileName, true, "The document is readable and within the limits."));

    private static CollateralDocument Document(DocumentType type, string fileName)
        => new(type, fileName, $"{Offers.PartnerId}/contoso-analytics/{type}/{fileName}", 120_000);
}

/// <summary>Reading an <see cref="Evaluation"/> in tests.</summary>
public static class EvaluationQueries
{
    /// <summary>The one requirement with this id (throws when it is missing or listed twice).</summary>
    public static RequirementResult Requirement(this Evaluation evaluation, string id) => evaluation.Requirements.Single(r => r.Id == id);

    public static bool Has(this Evaluation evaluation, string id) => evaluation.Requirements.Any(r => r.Id == id);
}
