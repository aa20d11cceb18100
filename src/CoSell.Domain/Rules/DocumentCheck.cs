namespace CoSell.Domain.Rules;

internal enum DocumentOutcome
{
    Missing,
    NotValidated,
    Invalid,
    Valid,
}

/// <summary>
/// The best state of the uploaded documents of one type: a valid one wins, then a rejected one (its reason), then one
/// not yet validated. A finding belongs to a document with the same type and file name; the last such finding counts.
/// </summary>
internal sealed record DocumentCheck(DocumentOutcome Outcome, string? FileName, string? FindingReason)
{
    public static DocumentCheck Of(DocumentType type, IReadOnlyList<CollateralDocument> documents, IReadOnlyList<CollateralFinding> collateral)
    {
        DocumentCheck best = new(DocumentOutcome.Missing, null, null);
        foreach (CollateralDocument document in documents.Where(d => d.Type == type))
        {
            CollateralFinding? finding = collateral.LastOrDefault(f => f is not null && f.Type == type && string.Equals(f.FileName, document.FileName, StringComparison.Ordinal));
            DocumentCheck current = finding switch
            {
                null => new DocumentCheck(DocumentOutcome.NotValidated, document.FileName, null),
                { Valid: true } => new DocumentCheck(DocumentOutcome.Valid, document.FileName, finding.Reason),
                _ => new DocumentCheck(DocumentOutcome.Invalid, document.FileName, finding.Reason),
            };
            if (current.Outcome > best.Outcome)
            {
                best = current;
            }
        }

        return best;
    }
}
