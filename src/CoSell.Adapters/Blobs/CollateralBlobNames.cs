using System.Diagnostics.CodeAnalysis;
using CoSell.Domain;

namespace CoSell.Adapters.Blobs;

/// <summary>Blob names of the collateral container: <c>{partnerId}/{offerId}/{docType}/{fileName}</c>.</summary>
public static class CollateralBlobNames
{
    /// <summary>Longest accepted file name, in characters. Partner and offer ids follow <see cref="Ids"/>.</summary>
    public const int MaxSegmentLength = 200;

    /// <summary>The lower-case path segment of a document type, e.g. <c>one-pager</c>.</summary>
    public static string ToSlug(DocumentType type) => type switch
    {
        DocumentType.OnePager => "one-pager",
        DocumentType.Presentation => "presentation",
        DocumentType.ReferenceArchitecture => "reference-architecture",
        DocumentType.CaseStudy => "case-study",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown document type."),
    };

    /// <summary>Parses a slug such as <c>one-pager</c> (case-insensitive).</summary>
    public static bool TryParseSlug(string? slug, out DocumentType type)
    {
        foreach (DocumentType candidate in Enum.GetValues<DocumentType>())
        {
            if (string.Equals(ToSlug(candidate), slug, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Builds the blob name; throws <see cref="ArgumentException"/> for an unsafe partner id, offer id or file name.</summary>
    public static string Build(string partnerId, string offerId, DocumentType type, string fileName)
    {
        EnsureId(partnerId, nameof(partnerId), "partner id");
        EnsureId(offerId, nameof(offerId), "offer id");
        EnsureSafeSegment(fileName, nameof(fileName), "file name");
        return $"{partnerId}/{offerId}/{ToSlug(type)}/{fileName}";
    }

    /// <summary>Checks that a blob name has the four-segment shape this store writes; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static void EnsureValid(string blobName)
    {
        if (!TryParse(blobName, out _))
        {
            throw new ArgumentException($"'{blobName}' is not a collateral blob name (expected partner/offer/document-type/file).", nameof(blobName));
        }
    }

    /// <summary>Splits a blob name written by this store into its parts; false for anything else.</summary>
    public static bool TryParse(string? blobName, [NotNullWhen(true)] out CollateralBlobName? parsed)
    {
        parsed = null;
        string[] parts = blobName?.Split('/') ?? [];
        if (parts.Length != 4
            || parts[2].Any(char.IsUpper)
            || !TryParseSlug(parts[2], out DocumentType type)
            || !Ids.IsValid(parts[0])
            || !Ids.IsValid(parts[1])
            || SegmentProblem(parts[3], "file name") is not null)
        {
            return false;
        }

        parsed = new CollateralBlobName(parts[0], parts[1], type, parts[3]);
        return true;
    }

    /// <summary>
    /// Rejects what could escape the partner's folder or confuse a reader: empty, longer than
    /// <see cref="MaxSegmentLength"/>, path separators, "..", control characters, leading or trailing spaces.
    /// </summary>
    public static void EnsureSafeSegment(string? value, string parameterName, string what)
    {
        string? problem = SegmentProblem(value, what);
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    private static void EnsureId(string? value, string parameterName, string what)
    {
        if (!Ids.IsValid(value))
        {
            throw new ArgumentException($"The {what} must be {Ids.MinLength} to {Ids.MaxLength} characters of lower-case letters, digits and hyphens.", parameterName);
        }
    }

    private static string? SegmentProblem(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"The {what} is empty.";
        }

        if (value.Length > MaxSegmentLength)
        {
            return $"The {what} is {value.Length} characters long; at most {MaxSegmentLength} are allowed.";
        }

        if (value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal))
        {
            return $"The {what} '{value}' contains a path separator ('/' or '\\'); use a plain name such as 'brochure.pdf'.";
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            return $"The {what} '{value}' contains '..'; use a plain name such as 'brochure.pdf'.";
        }

        if (value.Any(char.IsControl))
        {
            return $"The {what} contains control characters; use a plain name such as 'brochure.pdf'.";
        }

        if (value.Trim().Length != value.Length || value.EndsWith('.'))
        {
            return $"The {what} '{value}' starts or ends with a space or ends with a dot; rename the file.";
        }

        return null;
    }
}

/// <summary>The parts of a collateral blob name.</summary>
public sealed record CollateralBlobName(string PartnerId, string OfferId, DocumentType Type, string FileName);
