using Azure;
using Azure.Data.Tables;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Adapters.Tables;

/// <summary>
/// Table <c>ReviewTokens</c> holds two kinds of rows:
/// a token row per issued link (PK = token id, RK = <c>token</c>), and the single decision row of a review
/// instance (PK = instance id, RK = <c>decision</c>). The two row keys differ, so a token id can never collide with
/// an instance id. The decision row is insert-only: the first writer wins and every later caller gets that decision.
/// </summary>
public sealed class TableReviewTokenStore : IReviewTokenStore
{
    public const string TokenRowKey = "token";
    public const string DecisionRowKey = "decision";
    const int MaxMarkAttempts = 5;

    readonly CoSellTables _tables;

    public TableReviewTokenStore(CoSellTables tables) => _tables = tables;

    public async Task AddAsync(ReviewTokenRecord token, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.ReviewTokens, cancellationToken);
        TableEntity entity = ToEntity(token);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex))
        {
            ReviewTokenRecord? existing = await GetAsync(token.TokenId, cancellationToken);
            if (existing is null || !SameIssue(existing, token))
            {
                throw new AlreadyExistsException($"Review token {token.TokenId} already exists with different content.", ex);
            }
        }
    }

    public async Task<ReviewTokenRecord?> GetAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.ReviewTokens, cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableColumns.Key(tokenId, nameof(tokenId)), TokenRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<ReviewerDecision> RecordDecisionAsync(ReviewTokenRecord token, ReviewerDecision decision, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.ReviewTokens, cancellationToken);
        ReviewerDecision recorded = await InsertDecisionAsync(table, token.InstanceId, decision, token.TokenId, cancellationToken);
        await MarkUsedAsync(table, token, decision.DecidedAt, cancellationToken);
        return recorded;
    }

    public async Task<ReviewerDecision> RecordExpiryAsync(string instanceId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.ReviewTokens, cancellationToken);
        return await InsertDecisionAsync(table, instanceId, ReviewerDecision.Expiry(at), tokenId: null, cancellationToken);
    }

    /// <summary>Inserts the review's one decision row; if it exists (409), the decision already there is the answer.</summary>
    async Task<ReviewerDecision> InsertDecisionAsync(TableClient table, string instanceId, ReviewerDecision decision, string? tokenId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableColumns.Key(instanceId, nameof(instanceId)), DecisionRowKey)
        {
            ["Approved"] = decision.Approved,
            ["Reviewer"] = decision.Reviewer,
            ["DecidedAt"] = decision.DecidedAt,
        };
        TableColumns.SetIfNotNull(row, "TokenId", tokenId);
        TableColumns.SetIfNotNull(row, "Comment", decision.Comment);
        TableColumns.SetIfNotNull(row, "DecisionId", decision.DecisionId);
        if (decision.ClosedByExpiry)
        {
            row["ClosedByExpiry"] = true;
        }

        TableColumns.EnsureFits(row, $"Decision of {instanceId}");
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return decision;
        }
        catch (RequestFailedException ex) when (TableColumns.IsConflict(ex))
        {
            return await GetDecisionAsync(instanceId, cancellationToken)
                ?? throw new InvalidOperationException($"The decision of {instanceId} exists but cannot be read.", ex);
        }
    }

    public async Task<ReviewerDecision?> GetDecisionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        TableClient table = await _tables.GetAsync(CoSellTables.ReviewTokens, cancellationToken);
        NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableColumns.Key(instanceId, nameof(instanceId)), DecisionRowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        TableEntity e = response.Value!;
        return new ReviewerDecision(
            e.GetBoolean("Approved") ?? false,
            e.GetString("Reviewer") ?? "",
            e.GetString("Comment"),
            e.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue)
        {
            DecisionId = e.GetString("DecisionId"),
            ClosedByExpiry = e.GetBoolean("ClosedByExpiry") ?? false,
        };
    }

    /// <summary>
    /// Sets UsedAt once (ETag-conditional); if another request marked it first, that first mark stays. The first attempt
    /// writes over the row as the caller read it (its ETag); a 412 reloads and looks again.
    /// </summary>
    static async Task MarkUsedAsync(TableClient table, ReviewTokenRecord token, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        TableEntity? entity = token.ETag is null || token.UsedAt is not null ? null : ToEntity(token);
        if (entity is not null)
        {
            entity.ETag = new ETag(token.ETag!);
        }

        for (int attempt = 0; attempt < MaxMarkAttempts; attempt++)
        {
            if (entity is null)
            {
                NullableResponse<TableEntity> current = await table.GetEntityIfExistsAsync<TableEntity>(token.TokenId, TokenRowKey, cancellationToken: cancellationToken);
                if (!current.HasValue || current.Value!.GetDateTimeOffset("UsedAt") is not null)
                {
                    return;
                }

                entity = current.Value;
            }

            entity["UsedAt"] = usedAt;
            try
            {
                await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (TableColumns.IsPreconditionFailed(ex))
            {
                // Someone else changed the token row; reload and look again.
                entity = null;
            }
        }

        throw new ConcurrencyConflictException($"Could not mark review token {token.TokenId} used after {MaxMarkAttempts} attempts.");
    }

    static TableEntity ToEntity(ReviewTokenRecord token)
    {
        var entity = new TableEntity(TableColumns.Key(token.TokenId, nameof(token.TokenId)), TokenRowKey)
        {
            ["InstanceId"] = token.InstanceId,
            ["PartnerId"] = token.PartnerId,
            ["OfferId"] = token.OfferId,
            ["Reviewer"] = token.Reviewer,
            ["IssuedAt"] = token.IssuedAt,
            ["ExpiresAt"] = token.ExpiresAt,
        };
        TableColumns.SetIfNotNull(entity, "UsedAt", token.UsedAt);
        TableColumns.SetIfNotNull(entity, "OfferName", token.OfferName);
        return entity;
    }

    static ReviewTokenRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("InstanceId") ?? "",
        e.GetString("PartnerId") ?? "",
        e.GetString("OfferId") ?? "",
        e.GetString("Reviewer") ?? "",
        e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UsedAt"),
        e.ETag.ToString(),
        e.GetString("OfferName"));

    static bool SameIssue(ReviewTokenRecord a, ReviewTokenRecord b) =>
        a.InstanceId == b.InstanceId && a.PartnerId == b.PartnerId && a.OfferId == b.OfferId
        && string.Equals(a.Reviewer, b.Reviewer, StringComparison.OrdinalIgnoreCase)
        && a.IssuedAt == b.IssuedAt && a.ExpiresAt == b.ExpiresAt;
}
