using System.Text.Json;
using System.Text.Json.Serialization;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Http;

/// <summary>
/// Body of SaveDraft: the offer fields and the two URLs. Documents and contacts have their own routes; a body that
/// carries them is refused. Booleans default to false and the repeatable-IP share to 0 when omitted.
/// </summary>
public sealed record DraftRequest(
    string? Name,
    SolutionType? SolutionType,
    OfferKind? Kind,
    IReadOnlyList<string>? EligibleCountries,
    bool? IsTransactable = null,
    bool? CspConfigured = null,
    bool? MeetsPublishingRequirements = null,
    bool? BusinessProfileComplete = null,
    bool? BuiltOnAzure = null,
    decimal? RepeatableIpShare = null,
    string? LandingPageUrl = null,
    string? SocialOrEvidenceUrl = null,
    JsonElement? Documents = null,
    JsonElement? Contacts = null)
{
    public const int MaxNameLength = 200;

    /// <summary>The offer and URLs it describes, or every problem keyed by field.</summary>
    internal (Offer? Offer, List<(string Field, string Message)> Errors) ToOffer(string partnerId, string offerId)
    {
        var errors = new List<(string Field, string Message)>();
        if (Documents is not null)
        {
            errors.Add(("documents", "Documents are managed by PUT .../documents/{documentType}/{fileName}, not by the draft."));
        }

        if (Contacts is not null)
        {
            errors.Add(("contacts", "Contacts are managed by PUT .../contacts, not by the draft."));
        }

        string name = Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(("name", "A name is required."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(("name", $"At most {MaxNameLength} characters."));
        }
        else if (InputRules.ControlCharacterProblem(name) is { } nameProblem)
        {
            errors.Add(("name", nameProblem));
        }

        if (SolutionType is null)
        {
            errors.Add(("solutionType", $"Required: one of {string.Join(", ", Enum.GetNames<SolutionType>())}."));
        }

        if (Kind is null)
        {
            errors.Add(("kind", $"Required: one of {string.Join(", ", Enum.GetNames<OfferKind>())}."));
        }

        var countries = new List<string>();
        if (EligibleCountries is null || EligibleCountries.Count == 0)
        {
            errors.Add(("eligibleCountries", "At least one two-letter country code is required."));
        }
        else
        {
            for (int i = 0; i < EligibleCountries.Count; i++)
            {
                string code = EligibleCountries[i]?.Trim().ToUpperInvariant() ?? string.Empty;
                if (!InputRules.IsValidCountryCode(code))
                {
                    errors.Add(($"eligibleCountries[{i}]", $"'{EligibleCountries[i]}' is not a two-letter country code."));
                }
                else if (countries.Contains(code))
                {
                    errors.Add(($"eligibleCountries[{i}]", $"'{code}' is listed twice."));
                }
                else
                {
                    countries.Add(code);
                }
            }
        }

        if (RepeatableIpShare is < 0m or > 1m)
        {
            errors.Add(("repeatableIpShare", "A share between 0 and 1 (e.g. 0.6 for 60 %)."));
        }

        AddUrlProblem(errors, "landingPageUrl", LandingPageUrl);
        AddUrlProblem(errors, "socialOrEvidenceUrl", SocialOrEvidenceUrl);

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var offer = new Offer(
            partnerId,
            offerId,
            name,
            SolutionType!.Value,
            Kind!.Value,
            IsTransactable ?? false,
            countries,
            CspConfigured ?? false,
            MeetsPublishingRequirements ?? false,
            BusinessProfileComplete ?? false,
            BuiltOnAzure ?? false,
            RepeatableIpShare ?? 0m);

        // The domain's own checks (e.g. a Services offer must be Consulting or ManagedService), so a saved draft can be submitted.
        var submission = new Submission(offer, new CoSellMaterials([], LandingPageUrl, SocialOrEvidenceUrl, []), 1);
        foreach (ValidationError error in SubmissionValidator.Validate(submission))
        {
            string field = error.Field.StartsWith("offer.", StringComparison.Ordinal) ? error.Field["offer.".Length..] : error.Field;
            errors.Add((field, error.Message));
        }

        return errors.Count > 0 ? (null, errors) : (offer, errors);
    }

    private static void AddUrlProblem(List<(string Field, string Message)> errors, string field, string? url)
    {
        if (url is not null && (InputRules.ControlCharacterProblem(url) ?? (InputRules.IsValidHttpUrl(url) ? null : "An absolute http(s) URL is required.")) is { } problem)
        {
            errors.Add((field, problem));
        }
    }
}

/// <summary>A stored document as the API shows it.</summary>
public sealed record DocumentResponse(string DocumentType, string FileName, long SizeBytes);

/// <summary>The draft as GetDraft / SaveDraft return it.</summary>
public sealed record DraftResponse(
    string PartnerId,
    string OfferId,
    int DraftVersion,
    [property: JsonPropertyName("etag")] string ETag,
    DateTimeOffset UpdatedAt,
    string Name,
    SolutionType SolutionType,
    OfferKind Kind,
    IReadOnlyList<string> EligibleCountries,
    bool IsTransactable,
    bool CspConfigured,
    bool MeetsPublishingRequirements,
    bool BusinessProfileComplete,
    bool BuiltOnAzure,
    decimal RepeatableIpShare,
    string? LandingPageUrl,
    string? SocialOrEvidenceUrl,
    IReadOnlyList<DocumentResponse> Documents,
    IReadOnlyList<SalesContact> Contacts)
{
    public static DraftResponse From(OfferRecord record)
    {
        Offer o = record.Offer;
        CoSellMaterials m = record.Materials;
        return new DraftResponse(
            o.PartnerId,
            o.OfferId,
            record.DraftVersion,
            EntityTags.ToHeader(record.ETag),
            record.UpdatedAt,
            o.Name,
            o.SolutionType,
            o.Kind,
            o.EligibleCountries,
            o.IsTransactable,
            o.CspConfigured,
            o.MeetsPublishingRequirements,
            o.BusinessProfileComplete,
            o.BuiltOnAzure,
            o.RepeatableIpShare,
            m.LandingPageUrl,
            m.SocialOrEvidenceUrl,
            m.Documents.Select(d => new DocumentResponse(InputRules.ToSlug(d.Type), d.FileName, d.SizeBytes)).ToList(),
            m.Contacts);
    }
}
