using CoSell.Adapters.Tables;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class TableReviewTokenStoreTests : IClassFixture<AzuriteFixture>
{
    static readonly DateTimeOffset Issued = new(2026, 8, 1, 9, 0, 0, 456, TimeSpan.Zero);
    readonly TableReviewTokenStore _store;

    public TableReviewTokenStoreTests(AzuriteFixture azurite) => _store = new TableReviewTokenStore(azurite.Tables());

    static ReviewTokenRecord Token(string instanceId, string reviewer = "reviewer@microsoft.example") =>
        new("tok-" + Guid.NewGuid().ToString("N"), instanceId, "p-r", "o-r", reviewer, Issued, Issued.AddDays(14), OfferName: "Contoso CRM");

    static string NewInstance() => "cosell-p-r." + OfferRecords.NewId() + "-1";

    /// <summary>A stored token as a request reads it (with its ETag).</summary>
    async Task<ReviewTokenRecord> IssueAsync()
    {
        ReviewTokenRecord token = Token(NewInstance());
        await _store.AddAsync(token);
        return (await _store.GetAsync(token.TokenId))!;
    }

    [Fact]
    public async Task RecordDecisionAsync_TokenReadBeforeAnotherUse_KeepsTheFirstUse()
    {
        ReviewTokenRecord first = await IssueAsync();
        ReviewTokenRecord stale = (await _store.GetAsync(first.TokenId))!;
        ReviewerDecision winner = ReviewerDecision.Approve(first.Reviewer, Issued.AddHours(1));
        await _store.RecordDecisionAsync(first, winner);

        ReviewerDecision recorded = await _store.RecordDecisionAsync(stale, ReviewerDecision.Reject(first.Reviewer, "late", Issued.AddHours(2)));

        Assert.Equal(winner, recorded);
        Assert.Equal(Issued.AddHours(1), (await _store.GetAsync(first.TokenId))!.UsedAt);
    }

    [Fact]
    public async Task AddAsync_NewToken_RoundTripsUnused()
    {
        ReviewTokenRecord token = Token(NewInstance());

        await _store.AddAsync(token);
        ReviewTokenRecord? stored = await _store.GetAsync(token.TokenId);

        Assert.NotNull(stored);
        Assert.Equal(token with { ETag = stored.ETag }, stored);
        Assert.Null(stored.UsedAt);
        Assert.NotNull(stored.ETag);
    }

    [Fact]
    public async Task AddAsync_SameTokenTwice_IsIdempotent()
    {
        ReviewTokenRecord token = Token(NewInstance());

        await _store.AddAsync(token);
        await _store.AddAsync(token);

        Assert.NotNull(await _store.GetAsync(token.TokenId));
    }

    [Fact]
    public async Task AddAsync_SameIdOtherContent_ThrowsAlreadyExists()
    {
        ReviewTokenRecord token = Token(NewInstance());
        await _store.AddAsync(token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _store.AddAsync(token with { Reviewer = "intruder@example.com" }));

        Assert.Equal("reviewer@microsoft.example", (await _store.GetAsync(token.TokenId))!.Reviewer);
    }

    [Fact]
    public async Task GetAsync_UnknownToken_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync("tok-unknown-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task RecordDecisionAsync_FirstDecision_IsRecordedAndTokenMarkedUsed()
    {
        ReviewTokenRecord token = Token(NewInstance());
        await _store.AddAsync(token);
        ReviewerDecision decision = ReviewerDecision.Reject(token.Reviewer, "One-pager has 14 pages.", Issued.AddHours(3));

        ReviewerDecision recorded = await _store.RecordDecisionAsync(token, decision);

        Assert.Equal(decision, recorded);
        Assert.Equal(decision, await _store.GetDecisionAsync(token.InstanceId));
        Assert.Equal(decision.DecidedAt, (await _store.GetAsync(token.TokenId))!.UsedAt);
    }

    [Fact]
    public async Task RecordDecisionAsync_TenConcurrentDecisions_ExactlyOneWinsAndAllReturnIt()
    {
        string instanceId = NewInstance();
        ReviewTokenRecord[] tokens = [.. Enumerable.Range(0, 10).Select(i => Token(instanceId, $"reviewer{i}@microsoft.example"))];
        foreach (ReviewTokenRecord token in tokens)
        {
            await _store.AddAsync(token);
        }

        ReviewerDecision[] attempts = [.. tokens.Select((t, i) => i % 2 == 0
            ? ReviewerDecision.Approve(t.Reviewer, Issued.AddMinutes(i))
            : ReviewerDecision.Reject(t.Reviewer, "Missing contacts for DE.", Issued.AddMinutes(i)))];

        ReviewerDecision[] results = await Task.WhenAll(tokens.Select((t, i) => Task.Run(() => _store.RecordDecisionAsync(t, attempts[i]))));

        ReviewerDecision winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, attempts);
        Assert.Equal(winner, await _store.GetDecisionAsync(instanceId));
        foreach (ReviewTokenRecord token in tokens)
        {
            Assert.NotNull((await _store.GetAsync(token.TokenId))!.UsedAt);
        }
    }

    [Fact]
    public async Task RecordDecisionAsync_SameTokenPostedConcurrently_KeepsFirstUseAndFirstDecision()
    {
        ReviewTokenRecord token = Token(NewInstance());
        await _store.AddAsync(token);
        ReviewerDecision[] attempts = [.. Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? ReviewerDecision.Approve(token.Reviewer, Issued.AddMinutes(i))
            : ReviewerDecision.Reject(token.Reviewer, "No.", Issued.AddMinutes(i)))];

        ReviewerDecision[] results = await Task.WhenAll(attempts.Select(a => Task.Run(() => _store.RecordDecisionAsync(token, a))));
        DateTimeOffset? usedAt = (await _store.GetAsync(token.TokenId))!.UsedAt;
        ReviewerDecision late = await _store.RecordDecisionAsync(token, ReviewerDecision.Approve(token.Reviewer, Issued.AddDays(1)));

        ReviewerDecision winner = Assert.Single(results.Distinct());
        Assert.Equal(winner, late);
        Assert.Contains(usedAt, attempts.Select(a => (DateTimeOffset?)a.DecidedAt));
        Assert.Equal(usedAt, (await _store.GetAsync(token.TokenId))!.UsedAt);
    }

    [Fact]
    public async Task GetDecisionAsync_NoDecision_ReturnsNull()
    {
        Assert.Null(await _store.GetDecisionAsync(NewInstance()));
    }

    [Fact]
    public async Task RecordExpiryAsync_AfterADecision_ReturnsTheDecisionAndKeepsIt()
    {
        ReviewTokenRecord token = await IssueAsync();
        ReviewerDecision decision = ReviewerDecision.Approve(token.Reviewer, Issued.AddHours(1));
        await _store.RecordDecisionAsync(token, decision);

        ReviewerDecision closed = await _store.RecordExpiryAsync(token.InstanceId, Issued.AddDays(14));

        Assert.Equal(decision, closed);
        Assert.Equal(decision, await _store.GetDecisionAsync(token.InstanceId));
    }

    [Fact]
    public async Task RecordDecisionAsync_AfterTheExpiry_ReturnsTheExpiryAndRecordsNoDecision()
    {
        ReviewTokenRecord token = await IssueAsync();
        ReviewerDecision closed = await _store.RecordExpiryAsync(token.InstanceId, Issued.AddDays(14));

        ReviewerDecision late = await _store.RecordDecisionAsync(token, ReviewerDecision.Approve(token.Reviewer, Issued.AddDays(14).AddSeconds(1)));

        Assert.True(closed.ClosedByExpiry);
        Assert.True(late.ClosedByExpiry);
        Assert.True((await _store.GetDecisionAsync(token.InstanceId))!.ClosedByExpiry);
        Assert.Equal(await _store.RecordExpiryAsync(token.InstanceId, Issued.AddDays(15)), closed);
    }

    [Fact]
    public async Task RecordExpiryAsync_RacingFiveDecisions_ExactlyOneOutcomeAndEveryCallerSeesIt()
    {
        ReviewTokenRecord token = await IssueAsync();
        Task<ReviewerDecision>[] calls =
        [
            Task.Run(() => _store.RecordExpiryAsync(token.InstanceId, Issued.AddDays(14))),
            .. Enumerable.Range(0, 5).Select(i => Task.Run(() => _store.RecordDecisionAsync(token, ReviewerDecision.Approve(token.Reviewer, Issued.AddMinutes(i)) with { DecisionId = $"d{i}" }))),
        ];

        ReviewerDecision[] results = await Task.WhenAll(calls);

        ReviewerDecision stored = (await _store.GetDecisionAsync(token.InstanceId))!;
        Assert.All(results, r => Assert.Equal(stored, r));
    }
}
