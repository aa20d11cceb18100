using System.Collections.Concurrent;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http.Fakes;

internal sealed class InMemoryReviewTokenStore : IReviewTokenStore
{
    private readonly ConcurrentDictionary<string, ReviewTokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReviewerDecision> _decisions = new(StringComparer.Ordinal);

    public ReviewerDecision? DecisionOf(string instanceId) => _decisions.TryGetValue(instanceId, out ReviewerDecision? d) ? d : null;

    public ReviewTokenRecord? TokenRow(string tokenId) => _tokens.TryGetValue(tokenId, out ReviewTokenRecord? t) ? t : null;

    public Task AddAsync(ReviewTokenRecord token, CancellationToken cancellationToken = default)
    {
        _tokens.TryAdd(token.TokenId, token);
        return Task.CompletedTask;
    }

    public Task<ReviewTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken = default) => Task.FromResult(TokenRow(tokenId));

    public Task<ReviewerDecision> RecordDecisionAsync(ReviewTokenRecord token, ReviewerDecision decision, CancellationToken cancellationToken = default)
    {
        ReviewerDecision recorded = _decisions.GetOrAdd(token.InstanceId, decision);
        _tokens.AddOrUpdate(token.TokenId, token with { UsedAt = decision.DecidedAt }, (_, existing) => existing with { UsedAt = existing.UsedAt ?? decision.DecidedAt });
        return Task.FromResult(recorded);
    }

    public Task<ReviewerDecision> RecordExpiryAsync(string instanceId, DateTimeOffset at, CancellationToken cancellationToken = default)
        => Task.FromResult(_decisions.GetOrAdd(instanceId, ReviewerDecision.Expiry(at)));

    public Task<ReviewerDecision?> GetDecisionAsync(string instanceId, CancellationToken cancellationToken = default) => Task.FromResult(DecisionOf(instanceId));
}
