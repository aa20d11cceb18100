namespace CoSell.Workflow.Ports;

/// <summary>
/// A reviewed offer as the monthly re-evaluation reads and writes it: the status snapshot and the row's ETag, without
/// the draft (which the run never changes).
/// </summary>
/// <param name="OfferName">The offer's current name, for the partner's e-mail.</param>
/// <param name="ETag">The ETag the row was read with; a status write succeeds only while the row still has it.</param>
public sealed record ReviewedOffer(string PartnerId, string OfferId, string OfferName, OfferStatusSnapshot Current, string ETag)
{
    /// <summary>The reviewed part of a whole row; null when the row has no status or no ETag.</summary>
    public static ReviewedOffer? Of(OfferRecord record)
        => record?.Current is { } current && record.ETag is { Length: > 0 } etag
            ? new ReviewedOffer(record.PartnerId, record.OfferId, record.Offer.Name, current, etag)
            : null;
}
