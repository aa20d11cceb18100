using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Integration.Tests.Tables;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;

namespace CoSell.Integration.Tests.Reevaluation;

[Trait("Category", "Integration")]
public sealed class ReevaluationTableTests : IClassFixture<AzuriteFixture>
{
    const string Month = "2026-11";
    const string InstanceId = "reeval-2026-11";
    static readonly DateTimeOffset RunAt = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    readonly TableOfferStore _offers;
    readonly TableRevenueStore _revenue;
    readonly TableHistoryStore _history;

    public ReevaluationTableTests(AzuriteFixture azurite)
    {
        CoSellTables tables = azurite.Tables(AzuriteFixture.UniquePrefix("Reeval"));
        _offers = new TableOfferStore(tables);
        _revenue = new TableRevenueStore(tables);
        _history = new TableHistoryStore(tables);
    }

    [Fact]
    public async Task ListOrganisationIdsAsync_SmallPagesAfterTheLastId_ListsTheMonthsOrganisationsOnceInOrder()
    {
        string[] organisations = [.. Enumerable.Range(0, 5).Select(i => $"org-{i}")];
        await _revenue.ImportAsync(Month, [.. organisations.Reverse().Select(o => new OrganisationProfile(o, Month, 1_000m, [], false, false))]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile("org-1a", "2026-10", 1_000m, [], false, false)]);

        IReadOnlyList<string> first = await _revenue.ListOrganisationIdsAsync(Month, null, 2);
        IReadOnlyList<string> second = await _revenue.ListOrganisationIdsAsync(Month, first[^1], 2);
        IReadOnlyList<string> third = await _revenue.ListOrganisationIdsAsync(Month, second[^1], 2);

        Assert.Equal(organisations, first.Concat(second).Concat(third));
        Assert.Single(third);
    }

    [Fact]
    public async Task ListReviewedOfPartnersAsync_RangeOfPartners_ReadsOnlyTheirReviewedRowsWithUsableETags()
    {
        string a = OfferRecords.NewId("pa"), b = a + "-b", c = a + "-c";
        foreach ((string partner, string offer, CoSellStatus status) in new[]
        {
            (a, "o-1", CoSellStatus.CoSellReady),
            (b, "o-1", CoSellStatus.NotReady), (b, "o-2", CoSellStatus.CoSellIncentivized), (b, "o-3", CoSellStatus.CoSellReady),
            (c, "o-1", CoSellStatus.CoSellReady),
        })
        {
            await _offers.CreateAsync(OfferRecords.Draft(partner, offer).WithStatus(status));
        }

        List<OfferRecord> rows = [];
        await foreach (OfferRecord row in _offers.ListReviewedOfPartnersAsync(new OrganisationRange(a, b, b, 1)))
        {
            rows.Add(row);
        }

        OfferRecord replaced = await _offers.ReplaceAsync(rows[0] with { UpdatedAt = RunAt }, rows[0].ETag!);

        Assert.Equal([$"{b}/o-2", $"{b}/o-3"], rows.Select(r => $"{r.PartnerId}/{r.OfferId}"));
        Assert.Equal(CoSellStatus.CoSellIncentivized, rows[0].Current!.Status);
        Assert.NotEqual(rows[0].ETag, replaced.ETag);
    }

    [Fact]
    public async Task ReplaceAllAsync_OnePartnersRowsWithFreshETags_WritesEveryRowInOneGo()
    {
        string partner = OfferRecords.NewId("pt");
        OfferRecord[] created = [await _offers.CreateAsync(OfferRecords.Draft(partner, "o-1")), await _offers.CreateAsync(OfferRecords.Draft(partner, "o-2"))];

        IReadOnlyList<OfferRecord> written = await _offers.ReplaceAllAsync([.. created.Select(r => r.WithStatus(CoSellStatus.CoSellReady))]);

        Assert.All(written, w => Assert.NotNull(w.ETag));
        foreach (OfferRecord record in written)
        {
            OfferRecord stored = (await _offers.GetAsync(partner, record.OfferId))!;
            Assert.Equal(CoSellStatus.CoSellReady, stored.Current!.Status);
            Assert.Equal(stored.ETag, record.ETag);
        }
    }

    [Fact]
    public async Task ReplaceAllAsync_OneRowChangedSinceRead_WritesNoneAndReportsAConflict()
    {
        string partner = OfferRecords.NewId("pt");
        OfferRecord first = await _offers.CreateAsync(OfferRecords.Draft(partner, "o-1"));
        OfferRecord second = await _offers.CreateAsync(OfferRecords.Draft(partner, "o-2"));
        await _offers.ReplaceAsync(second with { UpdatedAt = RunAt }, second.ETag!);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _offers.ReplaceAllAsync(
            [first.WithStatus(CoSellStatus.CoSellReady), second.WithStatus(CoSellStatus.CoSellReady)]));

        OfferRecord storedFirst = (await _offers.GetAsync(partner, "o-1"))!;
        OfferRecord storedSecond = (await _offers.GetAsync(partner, "o-2"))!;
        Assert.Null(storedFirst.Current);
        Assert.Equal(first.ETag, storedFirst.ETag);
        Assert.Null(storedSecond.Current);
        Assert.Equal(RunAt, storedSecond.UpdatedAt);
    }

    [Fact]
    public async Task RevenueListAsync_RangeOfOrganisations_ReturnsThatMonthsRowsInTheRangeOnly()
    {
        await _revenue.ImportAsync(Month, [.. new[] { "org-a", "org-b", "org-c", "org-d" }.Select(o => new OrganisationProfile(o, Month, 1_000m, [], false, false))]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile("org-b2", "2026-10", 1_000m, [], false, false)]);

        IReadOnlyList<OrganisationProfile> bounded = await _revenue.ListAsync(Month, new OrganisationRange("org-a", "org-c", "org-b", 2));
        IReadOnlyList<OrganisationProfile> open = await _revenue.ListAsync(Month, new OrganisationRange("org-c", null, "org-d", 1));

        Assert.Equal(["org-b", "org-c"], bounded.Select(r => r.OrganisationId));
        Assert.Equal(["org-d"], open.Select(r => r.OrganisationId));
        Assert.All(bounded, r => Assert.Equal(Month, r.Month));
    }

    [Fact]
    public async Task ReevaluateBatch_RealTables_GrantsFlagsAndRerunWritesNothingTwice()
    {
        string granted = OfferRecords.NewId("pg");
        string missing = OfferRecords.NewId("pm");
        OfferRecord grantedOffer = await _offers.CreateAsync(OfferRecords.Draft(granted).WithStatus(CoSellStatus.CoSellReady));
        OfferRecord missingOffer = await _offers.CreateAsync(OfferRecords.Draft(missing).WithStatus(CoSellStatus.CoSellIncentivized));
        await _revenue.ImportAsync(Month, [new OrganisationProfile(granted, Month, 150_000m, [], false, false)]);
        await _revenue.ImportAsync("2026-10", [new OrganisationProfile(missing, "2026-10", 150_000m, [], false, false)]);
        var activity = new ReevaluateBatchActivity(_offers, _revenue, _history);
        var batch = new ReevaluationBatchRequest(Month, InstanceId, RunAt, new OrganisationRange(null, null, granted, 1));

        ReevaluationBatchResult first = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterFirst = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;
        ReevaluationBatchResult second = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterSecond = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;

        Assert.Equal((Evaluated: 2, MissingRevenue: 1), (first.Evaluated, first.MissingRevenue));
        Assert.Equal(ReevaluationOutcome.Granted, Assert.Single(first.Changes).Outcome);
        Assert.Equal(first.Changes, second.Changes);
        Assert.Equal(first.Issues, second.Issues);
        Assert.Equal(CoSellStatus.CoSellIncentivized, afterFirst.Current!.Status);
        Assert.Equal(afterFirst.ETag, afterSecond.ETag);
        HistoryEntry entry = Assert.Single(await _history.ListAsync(grantedOffer.PartnerId, grantedOffer.OfferId));
        Assert.Equal($"reeval-{Month}-{grantedOffer.PartnerId}-{grantedOffer.OfferId}", entry.EntryId);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (entry.FromStatus, entry.ToStatus));
        Assert.Empty(await _history.ListAsync(missingOffer.PartnerId, missingOffer.OfferId));
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await _offers.GetAsync(missingOffer.PartnerId, missingOffer.OfferId))!.Current!.Status);
    }
}
