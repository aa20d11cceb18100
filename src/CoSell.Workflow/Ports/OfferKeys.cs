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

/// <summary>
/// The offers with <see cref="After"/> &lt; key &lt;= <see cref="Through"/> in <see cref="OfferKey"/> order (no lower bound
/// when <see cref="After"/> is null). Consecutive ranges that share a bound cover the key space with no gap and no
/// overlap, so an offer added between the listing and the read still lands in exactly one range.
/// </summary>
/// <param name="First">The first key the listing found in the range (for messages; the read starts after <see cref="After"/>).</param>
/// <param name="Listed">How many keys the listing found in the range.</param>
public sealed record OfferKeyRange(OfferKey? After, OfferKey First, OfferKey Through, int Listed)
{
    public bool Contains(OfferKey key) => (After is null || key > After) && key <= Through;

    /// <summary>"partner/offer … partner/offer (n)", for messages.</summary>
    public override string ToString() => $"{First.PartnerId}/{First.OfferId} … {Through.PartnerId}/{Through.OfferId} ({Listed})";
}
