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
    public async Task ListReviewedKeysAsync_SmallPages_ListsEveryReviewedOfferOnceInKeyOrder()
    {
        string partner = OfferRecords.NewId("p");
        List<OfferKey> reviewed = [];
        for (int i = 0; i < 7; i++)
        {
            CoSellStatus status = (CoSellStatus)(i % 3);
            OfferRecord created = await _offers.CreateAsync(OfferRecords.Draft(partner, $"o-{i:D2}").WithStatus(status));
            if (status != CoSellStatus.NotReady)
            {
                reviewed.Add(new OfferKey(created.PartnerId, created.OfferId));
            }
        }

        await _offers.CreateAsync(OfferRecords.Draft(OfferRecords.NewId("draft")));

        List<OfferKey> listed = [];
        int pages = 0;
        string? token = null;
        do
        {
            OfferKeyPage page = await _offers.ListReviewedKeysAsync(token, pageSize: 2);
            Assert.True(page.Keys.Count <= 2, $"A page of {page.Keys.Count} keys exceeds the page size.");
            listed.AddRange(page.Keys.Where(k => k.PartnerId == partner));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 50);

        Assert.Null(token);
        Assert.Equal(reviewed, listed);
        Assert.True(pages >= 2, "Seven offers in pages of two took a single page.");
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
        var batch = new ReevaluationBatchRequest(Month, InstanceId, RunAt,
            [new OfferKey(grantedOffer.PartnerId, grantedOffer.OfferId), new OfferKey(missingOffer.PartnerId, missingOffer.OfferId)]);

        IReadOnlyList<OfferReevaluation> first = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterFirst = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;
        IReadOnlyList<OfferReevaluation> second = await activity.RunAsync(batch, CancellationToken.None);
        OfferRecord afterSecond = (await _offers.GetAsync(grantedOffer.PartnerId, grantedOffer.OfferId))!;

        Assert.Equal([ReevaluationOutcome.Granted, ReevaluationOutcome.MissingRevenue], first.Select(r => r.Outcome));
        Assert.Equal(first, second);
        Assert.Equal(CoSellStatus.CoSellIncentivized, afterFirst.Current!.Status);
        Assert.Equal(afterFirst.ETag, afterSecond.ETag);
        HistoryEntry entry = Assert.Single(await _history.ListAsync(grantedOffer.PartnerId, grantedOffer.OfferId));
        Assert.Equal($"reeval-{Month}-{grantedOffer.PartnerId}-{grantedOffer.OfferId}", entry.EntryId);
        Assert.Equal((CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized), (entry.FromStatus, entry.ToStatus));
        Assert.Empty(await _history.ListAsync(missingOffer.PartnerId, missingOffer.OfferId));
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await _offers.GetAsync(missingOffer.PartnerId, missingOffer.OfferId))!.Current!.Status);
    }
}
