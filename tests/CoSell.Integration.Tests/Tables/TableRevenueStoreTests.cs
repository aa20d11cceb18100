using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class TableRevenueStoreTests : IClassFixture<AzuriteFixture>
{
    readonly TableRevenueStore _store;
    readonly RequestCounter _requests = new();

    public TableRevenueStoreTests(AzuriteFixture azurite) => _store = new TableRevenueStore(azurite.Tables(_requests));

    static OrganisationProfile Org(string id, decimal acr, params SolutionRevenue[] solutions) =>
        new(id, null, acr, solutions, IsvConnectPremiumActive: false, GoldCompetencyActive: true);

    [Fact]
    public async Task ImportAsync_MoreRowsThanOneBatch_StoresEveryRowExactly()
    {
        OrganisationProfile[] rows = [.. Enumerable.Range(0, 250).Select(i => Org($"org-{i:D4}", 99_999.99m + i))];
        rows[7] = Org("org-0007", 100_000.00m, new SolutionRevenue("saas-1", true, 60_000.01m), new SolutionRevenue("vm-2", false, 39_999.99m));

        await _store.ImportAsync("2026-07", rows);

        OrganisationProfile? first = await _store.GetAsync("2026-07", "org-0000");
        OrganisationProfile? seventh = await _store.GetAsync("2026-07", "org-0007");
        OrganisationProfile? last = await _store.GetAsync("2026-07", "org-0249");
        Assert.Equal(99_999.99m, first!.AcrTtmUsd);
        Assert.Equal("2026-07", first.Month);
        Assert.Equal(100_000.00m, seventh!.AcrTtmUsd);
        Assert.Equal([60_000.01m, 39_999.99m], seventh.Solutions.Select(s => s.BilledRevenueUsd));
        Assert.True(seventh.Solutions[0].IsTransactable);
        Assert.Equal(99_999.99m + 249, last!.AcrTtmUsd);
    }

    [Fact]
    public async Task ImportAsync_HundredLargeRows_EveryRowAndItsLatestCopyStored()
    {
        // About 60 KB per row: a hundred of them (one partition, as the index rows are) exceed one 4 MiB transaction.
        SolutionRevenue[] solutions = [.. Enumerable.Range(0, 300).Select(i => new SolutionRevenue($"saas-{i:D4}-{new string('x', 50)}", true, i))];
        OrganisationProfile[] rows = [.. Enumerable.Range(0, 100).Select(i => Org($"org-large-{i:D3}", 150_000m + i, solutions))];

        await _store.ImportAsync("2026-09", rows);

        OrganisationProfile? month = await _store.GetAsync("2026-09", "org-large-099");
        OrganisationProfile? latest = await _store.GetLatestAsync("org-large-099");
        Assert.Equal((150_099m, 300), (month!.AcrTtmUsd, month.Solutions.Count));
        Assert.Equal(("2026-09", 150_099m, 300), (latest!.Month, latest.AcrTtmUsd, latest.Solutions.Count));
    }

    [Fact]
    public async Task ImportAsync_SameMonthAgain_ReplacesRowsWholly()
    {
        await _store.ImportAsync("2026-06", [Org("org-r", 150_000m, new SolutionRevenue("saas-1", true, 1m), new SolutionRevenue("saas-2", true, 2m))]);

        await _store.ImportAsync("2026-06", [Org("org-r", 90_000m, new SolutionRevenue("saas-3", true, 3m)) with { GoldCompetencyActive = false }]);

        OrganisationProfile? stored = await _store.GetAsync("2026-06", "org-r");
        Assert.Equal(90_000m, stored!.AcrTtmUsd);
        Assert.Equal(["saas-3"], stored.Solutions.Select(s => s.OfferId));
        Assert.False(stored.GoldCompetencyActive);
    }

    [Fact]
    public async Task GetLatestAsync_SeveralMonths_ReturnsNewestMonth()
    {
        await _store.ImportAsync("2026-05", [Org("org-l", 1m), Org("org-other", 5m)]);
        await _store.ImportAsync("2025-12", [Org("org-l", 2m)]);
        await _store.ImportAsync("2026-04", [Org("org-l", 3m)]);
        await _store.ImportAsync("2026-09", [Org("org-other", 9m)]);

        OrganisationProfile? latest = await _store.GetLatestAsync("org-l");

        Assert.Equal("2026-05", latest!.Month);
        Assert.Equal(1m, latest.AcrTtmUsd);
    }

    [Fact]
    public async Task GetLatestAsync_LatestMonthImportedTwice_ReturnsTheSecondImportInOneRead()
    {
        await _store.ImportAsync("2026-07", [Org("org-twice", 150_000m, new SolutionRevenue("saas-1", true, 1m))]);
        await _store.ImportAsync("2026-07", [Org("org-twice", 80_000m, new SolutionRevenue("saas-2", true, 2m)) with { IsvConnectPremiumActive = true }]);
        _requests.Reset();

        OrganisationProfile? latest = await _store.GetLatestAsync("org-twice");

        Assert.Equal(1, _requests.Count);
        Assert.Equal(new OrganisationProfile("org-twice", "2026-07", 80_000m, [], true, true) with { Solutions = latest!.Solutions }, latest);
        Assert.Equal(["saas-2"], latest.Solutions.Select(s => s.OfferId));
    }

    [Fact]
    public async Task GetLatestAsync_UnknownOrganisation_ReturnsNull()
    {
        Assert.Null(await _store.GetLatestAsync("org-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task ImportAsync_OrganisationTwice_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ImportAsync("2026-03", [Org("org-d", 1m), Org("org-d", 2m)]));

        Assert.Null(await _store.GetAsync("2026-03", "org-d"));
    }

    [Theory]
    [InlineData("2026-7")]
    [InlineData("2026-13")]
    [InlineData("26-07")]
    [InlineData("2026/07")]
    public async Task ImportAsync_MonthNotYyyyMm_Throws(string month)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ImportAsync(month, [Org("org-m", 1m)]));
    }
}
