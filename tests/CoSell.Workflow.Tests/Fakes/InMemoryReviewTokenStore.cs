using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Fakes;

/// <summary>Review tokens and decisions in memory: adding the same token twice is success; the first decision wins.</summary>
public sealed class InMemoryReviewTokenStore : IReviewTokenStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ReviewTokenRecord> tokens = [];
    private readonly Dictionary<string, ReviewerDecision> decisions = [];

    public IReadOnlyList<ReviewTokenRecord> All
    {
        get
        {
            lock (gate)
            {
                return [.. tokens.Values];
            }
        }
    }

    public Task AddAsync(ReviewTokenRecord token, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(token.TokenId, out ReviewTokenRecord? existing) && existing with { ETag = null } != token with { ETag = null })
            {
                throw new AlreadyExistsException($"Token {token.TokenId} exists with different content.");
            }

            tokens.TryAdd(token.TokenId, token with { ETag = "1" });
        }

        return Task.CompletedTask;
    }

    public Task<ReviewTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(tokens.GetValueOrDefault(tokenId));
        }
    }

    public Task<ReviewerDecision> RecordDecisionAsync(ReviewTokenRecord token, ReviewerDecision decision, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!decisions.TryGetValue(token.InstanceId, out ReviewerDecision? recorded))
            {
                recorded = decision;
                decisions[token.InstanceId] = decision;
                tokens[token.TokenId] = token with { UsedAt = decision.DecidedAt };
            }

            return Task.FromResult(recorded);
        }
    }

    public Task<ReviewerDecision> RecordExpiryAsync(string instanceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!decisions.TryGetValue(instanceId, out ReviewerDecision? recorded))
            {
                recorded = ReviewerDecision.Expiry(at);
                decisions[instanceId] = recorded;
            }

            return Task.FromResult(recorded);
        }
    }

    public Task<ReviewerDecision?> GetDecisionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(decisions.GetValueOrDefault(instanceId));
        }
    }
}
