using CoSell.Workflow.Messages;

namespace CoSell.Workflow.Ports;

/// <summary>One issued review link (Table <c>ReviewTokens</c>, PK/RK token id).</summary>
/// <param name="OfferName">The offer's name when the link was issued, for the reviewer's pages (null on rows written before it was kept).</param>
public sealed record ReviewTokenRecord(
    string TokenId,
    string InstanceId,
    string PartnerId,
    string OfferId,
    string Reviewer,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null,
    string? ETag = null,
    string? OfferName = null);

/// <summary>Review links and the single decision of each review instance.</summary>
public interface IReviewTokenStore
{
    /// <summary>Records an issued token; an existing identical row is success (idempotent).</summary>
    Task AddAsync(ReviewTokenRecord token, CancellationToken cancellationToken = default);

    Task<ReviewTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the one decision of a review instance. Returns the decision that is recorded: the given one if it
    /// won, or the earlier one if another decision was recorded first (first writer wins, ETag/insert-conditional).
    /// Marks the token used (conditional on <see cref="ReviewTokenRecord.ETag"/> when the record carries one, so a token
    /// just read costs no second read).
    /// </summary>
    Task<ReviewerDecision> RecordDecisionAsync(ReviewTokenRecord token, ReviewerDecision decision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the review expired, unless a decision was recorded first (the same first-writer-wins row). Returns
    /// what is recorded: the earlier reviewer decision, or the expiry marker (<see cref="ReviewerDecision.ClosedByExpiry"/>).
    /// </summary>
    Task<ReviewerDecision> RecordExpiryAsync(string instanceId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The decision (or expiry marker) recorded for an instance, or null.</summary>
    Task<ReviewerDecision?> GetDecisionAsync(string instanceId, CancellationToken cancellationToken = default);
}
