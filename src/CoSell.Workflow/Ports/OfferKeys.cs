namespace CoSell.Workflow.Ports;

/// <summary>A reference to one offer row (PK partner, RK offer): what orchestrations pass instead of the document.</summary>
public sealed record OfferKey(string PartnerId, string OfferId) : IComparable<OfferKey>
{
    /// <summary>Ordinal order by partner, then offer: the order Table Storage lists rows in.</summary>
    public int CompareTo(OfferKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byPartner = string.CompareOrdinal(PartnerId, other.PartnerId);
        return byPartner != 0 ? byPartner : string.CompareOrdinal(OfferId, other.OfferId);
    }

    public static bool operator <(OfferKey left, OfferKey right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator <=(OfferKey left, OfferKey right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(OfferKey left, OfferKey right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(OfferKey left, OfferKey right) => left is null ? right is null : left.CompareTo(right) >= 0;
}
