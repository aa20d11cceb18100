namespace CoSell.Workflow.Ports;

/// <summary>
/// The organisations (each one a partner: an offer's partner id is its organisation id) with
/// <see cref="After"/> &lt; id &lt;= <see cref="Through"/> in ordinal order, no bound where null. Consecutive ranges that
/// share a bound cover every id with no gap and no overlap, so the offers of a partner that has no revenue row this
/// month still fall into exactly one range.
/// </summary>
/// <param name="First">The first organisation with a revenue row in the range (null when it has none; for messages).</param>
/// <param name="Organisations">How many organisations with a revenue row the range holds.</param>
public sealed record OrganisationRange(string? After, string? Through, string? First, int Organisations)
{
    public bool Contains(string organisationId)
        => (After is null || string.CompareOrdinal(organisationId, After) > 0) && (Through is null || string.CompareOrdinal(organisationId, Through) <= 0);

    /// <summary>"org-a … org-f (6 organisations)", for messages.</summary>
    public override string ToString()
        => $"{First ?? (After is null ? "(start)" : "after " + After)} … {Through ?? "(end)"} ({Organisations} organisations)";
}
