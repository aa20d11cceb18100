namespace CoSell.Workflow.Http;

/// <summary>The two kinds of durable instances the product starts.</summary>
public enum InstanceKind
{
    /// <summary>A co-sell review: <c>cosell-{partnerId}.{offerId}-{draftVersion}</c>.</summary>
    Review,

    /// <summary>A month's re-evaluation: <c>reeval-YYYY-MM</c>.</summary>
    Reevaluation,
}

/// <summary>An instance id the admin routes accept, and what it names (the offer, for a review).</summary>
internal sealed record InstanceRef(string Id, InstanceKind Kind, string? PartnerId = null, string? OfferId = null, int? DraftVersion = null);

/// <summary>
/// Reads the business-key ids <see cref="WorkflowNames"/> builds. An id is accepted only when building it again from its
/// parts gives the same string, so "cosell-a.b-01" or an id with upper case is refused before any engine call.
/// </summary>
internal static class InstanceIds
{
    public const string Rule = "An instance id: cosell-{partnerId}.{offerId}-{draftVersion} (a review) or reeval-YYYY-MM (a monthly re-evaluation).";

    private const string ReviewPrefix = "cosell-";
    private const string ReevaluationPrefix = "reeval-";

    public static bool TryParse(string? id, out InstanceRef instance)
    {
        instance = null!;
        if (id is null || id.Length > 160)
        {
            return false;
        }

        if (id.StartsWith(ReevaluationPrefix, StringComparison.Ordinal))
        {
            string month = id[ReevaluationPrefix.Length..];
            if (InputRules.IsValidMonth(month) && WorkflowNames.ReevaluationInstanceId(month) == id)
            {
                instance = new InstanceRef(id, InstanceKind.Reevaluation);
                return true;
            }

            return false;
        }

        if (!id.StartsWith(ReviewPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = id[ReviewPrefix.Length..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        int dash = rest.LastIndexOf('-');
        if (dot <= 0 || dash <= dot)
        {
            return false;
        }

        string partnerId = rest[..dot];
        string offerId = rest[(dot + 1)..dash];
        if (!InputRules.IsValidId(partnerId) || !InputRules.IsValidId(offerId)
            || !InputRules.TryParsePositiveInt(rest[(dash + 1)..], out int draftVersion)
            || WorkflowNames.ReviewInstanceId(partnerId, offerId, draftVersion) != id)
        {
            return false;
        }

        instance = new InstanceRef(id, InstanceKind.Review, partnerId, offerId, draftVersion);
        return true;
    }
}
