using System.Globalization;
using CoSell.Domain.Validation;

namespace CoSell.Domain;

/// <summary>
/// Rejects unknown or contradictory input before any rule runs. Field names are camelCase JSON paths
/// ("offer.repeatableIpShare", "materials.contacts[1].email"); messages are plain English.
/// Things a partner fixes by completing the offer (no contacts, a missing landing page, an http URL) are not
/// validation errors: the rules report them as failed requirements.
/// </summary>
public static class SubmissionValidator
{
    /// <summary>Every problem with the submission (empty when valid).</summary>
    public static IReadOnlyList<ValidationError> Validate(Submission submission)
    {
        var errors = new ErrorList();
        if (submission is null)
        {
            errors.Add("submission", "is required.");
            return errors.Errors;
        }

        if (submission.DraftVersion < 1)
        {
            errors.Add("draftVersion", $"must be 1 or more, not {submission.DraftVersion}.");
        }

        if (submission.Offer is null)
        {
            errors.Add("offer", "is required.");
        }
        else
        {
            ValidateOffer(submission.Offer, errors);
        }

        if (submission.Materials is null)
        {
            errors.Add("materials", "is required.");
        }
        else
        {
            ValidateDocuments(submission.Materials.Documents, errors);
            ValidateContacts(submission.Materials.Contacts, errors);
        }

        return errors.Errors;
    }

    /// <summary>Every problem with an organisation profile (bad id or month, negative revenue, duplicate solutions).</summary>
    public static IReadOnlyList<ValidationError> Validate(OrganisationProfile organisation)
    {
        var errors = new ErrorList();
        if (organisation is null)
        {
            errors.Add("organisation", "is required.");
            return errors.Errors;
        }

        errors.RequireId("organisation.organisationId", organisation.OrganisationId);
        if (organisation.Month is not null && !IsMonth(organisation.Month))
        {
            errors.Add("organisation.month", $"'{ErrorList.Shorten(organisation.Month)}' is not a month: use YYYY-MM, e.g. 2026-10.");
        }

        if (organisation.AcrTtmUsd < 0)
        {
            errors.Add("organisation.acrTtmUsd", $"must not be negative ({Money.Usd(organisation.AcrTtmUsd)}).");
        }

        if (organisation.Solutions is null)
        {
            errors.Add("organisation.solutions", "is required (use an empty list when the organisation has no billed solutions).");
            return errors.Errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < organisation.Solutions.Count; i++)
        {
            string field = $"organisation.solutions[{i}]";
            SolutionRevenue? solution = organisation.Solutions[i];
            if (solution is null)
            {
                errors.Add(field, "is required.");
                continue;
            }

            errors.RequireId(field + ".offerId", solution.OfferId);
            if (solution.BilledRevenueUsd < 0)
            {
                errors.Add(field + ".billedRevenueUsd", $"must not be negative ({Money.Usd(solution.BilledRevenueUsd)}).");
            }

            if (solution.OfferId is not null && !seen.Add(solution.OfferId))
            {
                errors.Add(field + ".offerId", $"'{ErrorList.Shorten(solution.OfferId)}' is listed twice.");
            }
        }

        return errors.Errors;
    }

    private static void ValidateOffer(Offer offer, ErrorList errors)
    {
        errors.RequireId("offer.partnerId", offer.PartnerId);
        errors.RequireId("offer.offerId", offer.OfferId);
        if (string.IsNullOrWhiteSpace(offer.Name))
        {
            errors.Add("offer.name", "is required.");
        }

        errors.RequireDefined("offer.solutionType", offer.SolutionType);
        errors.RequireDefined("offer.kind", offer.Kind);
        if (Enum.IsDefined(offer.SolutionType) && Enum.IsDefined(offer.Kind) && !OfferKinds.Matches(offer.SolutionType, offer.Kind))
        {
            errors.Add("offer.kind", offer.SolutionType == SolutionType.Services
                ? $"A Services offer must be Consulting or ManagedService, not {offer.Kind}."
                : $"An IP solution cannot be a {offer.Kind} offer; choose the Services solution type or a packaged kind such as SaaS.");
        }

        if (offer.RepeatableIpShare is < 0m or > 1m)
        {
            errors.Add("offer.repeatableIpShare", $"must be between 0 and 1 (a share, e.g. 0.75 for 75 %), not {offer.RepeatableIpShare.ToString(CultureInfo.InvariantCulture)}.");
        }

        ValidateEligibleCountries(offer.EligibleCountries, errors);
    }

    private static void ValidateEligibleCountries(IReadOnlyList<string>? countries, ErrorList errors)
    {
        const string Field = "offer.eligibleCountries";
        if (countries is null || countries.Count == 0)
        {
            errors.Add(Field, "at least one eligible country/region is required.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < countries.Count; i++)
        {
            string? code = countries[i];
            string field = $"{Field}[{i}]";
            if (code == CountryCodes.AllOtherCountries)
            {
                errors.Add(field, "'OOO' (all other countries) is allowed in sales contact countries only; list the eligible countries/regions by code.");
            }
            else if (!CountryCodes.IsKnown(code))
            {
                errors.Add(field, UnknownCountry(code));
            }
            else if (!seen.Add(code!))
            {
                errors.Add(field, $"'{code}' is listed twice.");
            }
        }
    }

    private static void ValidateDocuments(IReadOnlyList<CollateralDocument>? documents, ErrorList errors)
    {
        if (documents is null)
        {
            errors.Add("materials.documents", "is required (use an empty list when nothing is uploaded).");
            return;
        }

        var seenFiles = new HashSet<(DocumentType, string)>();
        var seenBlobs = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < documents.Count; i++)
        {
            string field = $"materials.documents[{i}]";
            CollateralDocument? document = documents[i];
            if (document is null)
            {
                errors.Add(field, "is required.");
                continue;
            }

            errors.RequireDefined(field + ".type", document.Type);
            if (string.IsNullOrWhiteSpace(document.FileName))
            {
                errors.Add(field + ".fileName", "is required.");
            }

            if (string.IsNullOrWhiteSpace(document.BlobName))
            {
                errors.Add(field + ".blobName", "is required.");
            }

            if (document.SizeBytes < 0)
            {
                errors.Add(field + ".sizeBytes", "must not be negative.");
            }

            bool duplicateFile = document.FileName is not null
                && !seenFiles.Add((document.Type, document.FileName.ToUpperInvariant()));
            bool duplicateBlob = !string.IsNullOrEmpty(document.BlobName) && !seenBlobs.Add(document.BlobName);
            if (duplicateFile || duplicateBlob)
            {
                errors.Add(field, $"'{ErrorList.Shorten(document.FileName ?? document.BlobName)}' ({document.Type}) is listed twice.");
            }
        }
    }

    private static void ValidateContacts(IReadOnlyList<SalesContact>? contacts, ErrorList errors)
    {
        if (contacts is null)
        {
            errors.Add("materials.contacts", "is required (use an empty list when there are no contacts yet).");
            return;
        }

        var firstByEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < contacts.Count; i++)
        {
            string field = $"materials.contacts[{i}]";
            SalesContact? contact = contacts[i];
            if (contact is null)
            {
                errors.Add(field, "is required.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(contact.Name))
            {
                errors.Add(field + ".name", "is required.");
            }

            if (string.IsNullOrWhiteSpace(contact.Email))
            {
                errors.Add(field + ".email", "is required.");
            }
            else if (!EmailAddresses.IsValid(contact.Email))
            {
                errors.Add(field + ".email", $"'{ErrorList.Shorten(contact.Email)}' is not a valid e-mail address.");
            }
            else if (!firstByEmail.TryAdd(contact.Email, i))
            {
                errors.Add(field + ".email", $"'{contact.Email}' is already the e-mail of contacts[{firstByEmail[contact.Email]}]; each contact needs its own address.");
            }

            ValidateContactCountries(contact.Countries, field + ".countries", errors);
        }
    }

    private static void ValidateContactCountries(IReadOnlyList<string>? countries, string field, ErrorList errors)
    {
        if (countries is null || countries.Count == 0)
        {
            errors.Add(field, "at least one country/region (or 'OOO' for all other countries) is required.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < countries.Count; j++)
        {
            string? code = countries[j];
            if (!CountryCodes.IsKnownForContact(code))
            {
                errors.Add($"{field}[{j}]", UnknownCountry(code) + " 'OOO' means all other countries.");
            }
            else if (!seen.Add(code!))
            {
                errors.Add($"{field}[{j}]", $"'{code}' is listed twice.");
            }
        }
    }

    private static string UnknownCountry(string? code)
        => string.IsNullOrEmpty(code)
            ? "is empty; use an upper-case ISO 3166-1 alpha-2 code such as DE."
            : $"'{ErrorList.Shorten(code)}' is not an upper-case ISO 3166-1 alpha-2 country/region code (such as DE).";

    private static bool IsMonth(string month)
        => month.Length == 7 && month[4] == '-'
            && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
