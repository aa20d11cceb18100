using CoSell.Domain;

namespace CoSell.Workflow.Ports;

/// <summary>
/// One row of Table <c>CoSellOffers</c> (PK partner, RK offer): the editable draft, its version,
/// and the current co-sell status with the evaluation that produced it.
/// </summary>
/// <param name="DraftVersion">Bumped on every change to the draft (fields, documents, contacts).</param>
/// <param name="ETag">Optimistic-concurrency tag of the row; null for a record not yet stored.</param>
public sealed record OfferRecord(
    Offer Offer,
    CoSellMaterials Materials,
    int DraftVersion,
    DateTimeOffset UpdatedAt,
    OfferStatusSnapshot? Current,
    string? ETag)
{
    public string PartnerId => Offer.PartnerId;

    public string OfferId => Offer.OfferId;

    public Submission ToSubmission() => new(Offer, Materials, DraftVersion);
}

/// <summary>The current status of an offer and why.</summary>
/// <param name="Submission">What was evaluated; the monthly re-evaluation re-runs the rules on it.</param>
/// <param name="PartnerEmail">Where partner notifications for this offer go (the submitter).</param>
/// <param name="Collateral">Content findings at review time (re-used by the monthly re-evaluation).</param>
/// <param name="PreviousStatus">The status this snapshot replaced (null for the first one); lets a retried write recover the audit's From.</param>
public sealed record OfferStatusSnapshot(
    CoSellStatus Status,
    Evaluation Evaluation,
    string InstanceId,
    int DraftVersion,
    DateTimeOffset ChangedAt,
    string ChangedBy,
    string Reason,
    bool ReviewerApproved,
    string PartnerEmail,
    Submission Submission,
    IReadOnlyList<CollateralFinding> Collateral,
    CoSellStatus? PreviousStatus = null);
