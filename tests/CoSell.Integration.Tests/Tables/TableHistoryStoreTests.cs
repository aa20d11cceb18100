using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Ports;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class TableHistoryStoreTests : IClassFixture<AzuriteFixture>
{
    static readonly DateTimeOffset T0 = new(2026, 8, 1, 10, 0, 0, TimeSpan.Zero);
    readonly CoSellTables _tables;
    readonly TableHistoryStore _store;
    readonly RequestCounter _requests = new();

    public TableHistoryStoreTests(AzuriteFixture azurite)
    {
        _tables = azurite.Tables(_requests);
        _store = new TableHistoryStore(_tables);
    }

    static HistoryEntry Entry(string partnerId, string offerId, string entryId, DateTimeOffset at, HistoryKind kind = HistoryKind.Submitted) =>
        new(partnerId, offerId, entryId, at, kind, "partner@contoso.example", $"{kind} at {at:O}");

    [Fact]
    public async Task AppendAsync_SameEntryTwice_StoresOneRow()
    {
        string offerId = OfferRecords.NewId();
        HistoryEntry entry = Entry("p-h", offerId, "cosell-p-h.x-1-001", T0);

        await _store.AppendAsync(entry);
        await _store.AppendAsync(entry);

        IReadOnlyList<HistoryEntry> history = await _store.ListAsync("p-h", offerId);
        Assert.Single(history);
        TableClient raw = await _tables.GetAsync(CoSellTables.History);
        Assert.Single(raw.Query<TableEntity>(e => e.PartitionKey == TableHistoryStore.PartitionKeyOf("p-h", offerId)), e => !e.RowKey.StartsWith(TableHistoryStore.ClaimPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_SameEntryIdAtAnotherTime_StoresTheFirstOnly()
    {
        string offerId = OfferRecords.NewId();
        HistoryEntry first = Entry("p-h", offerId, "cosell-p-h.x-1-003", T0);

        await _store.AppendAsync(first);
        await _store.AppendAsync(first with { At = T0.AddSeconds(10) });

        HistoryEntry stored = Assert.Single(await _store.ListAsync("p-h", offerId));
        Assert.Equal(T0, stored.At);
    }

    [Fact]
    public async Task ListAsync_EntriesAppendedOutOfOrder_ReturnsOldestFirst()
    {
        string offerId = OfferRecords.NewId();
        HistoryEntry submitted = Entry("p-h", offerId, "i-001", T0, HistoryKind.Submitted);
        HistoryEntry validated = Entry("p-h", offerId, "i-002", T0.AddSeconds(1), HistoryKind.Validated);
        HistoryEntry reviewedSameTick = Entry("p-h", offerId, "i-003", T0.AddSeconds(1).AddTicks(1), HistoryKind.Reviewed);
        HistoryEntry changed = Entry("p-h", offerId, "i-004", T0.AddDays(2), HistoryKind.StatusChanged);

        foreach (HistoryEntry entry in new[] { changed, submitted, reviewedSameTick, validated })
        {
            await _store.AppendAsync(entry);
        }

        IReadOnlyList<HistoryEntry> history = await _store.ListAsync("p-h", offerId);
        Assert.Equal(["i-001", "i-002", "i-003", "i-004"], history.Select(h => h.EntryId));
    }

    [Fact]
    public async Task ListAsync_EntryWithEveryField_RoundTrips()
    {
        string offerId = OfferRecords.NewId();
        var entry = new HistoryEntry(
            "p-h", offerId, "cosell-p-h.o-3-007", new DateTimeOffset(2026, 8, 1, 12, 0, 0, 123, TimeSpan.FromHours(2)),
            HistoryKind.StatusChanged, "reviewer@microsoft.example", "Approved: ACR TTM is 120,000.00 USD.",
            CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized, "cosell-p-h.o-3", ["revenue/2026-07.csv", "one-pager.pdf"]);

        await _store.AppendAsync(entry);
        HistoryEntry stored = Assert.Single(await _store.ListAsync("p-h", offerId));

        Assert.Equal(entry.At, stored.At);
        Assert.Equal(TableJson.Serialize(entry), TableJson.Serialize(stored with { At = entry.At }));
    }

    [Fact]
    public async Task ListAsync_OffersWithSimilarIds_KeepsHistoriesApart()
    {
        string suffix = OfferRecords.NewId("s");
        await _store.AppendAsync(Entry("p1", "a-" + suffix, "e-1", T0));
        await _store.AppendAsync(Entry("p1-a", suffix, "e-2", T0));

        IReadOnlyList<HistoryEntry> first = await _store.ListAsync("p1", "a-" + suffix);
        IReadOnlyList<HistoryEntry> second = await _store.ListAsync("p1-a", suffix);

        Assert.Equal("e-1", Assert.Single(first).EntryId);
        Assert.Equal("e-2", Assert.Single(second).EntryId);
    }

    [Fact]
    public async Task ListAsync_NoHistory_ReturnsEmpty()
    {
        Assert.Empty(await _store.ListAsync("p-h", OfferRecords.NewId()));
    }

    [Fact]
    public async Task AppendAllAsync_ThreeEntriesOfOneOffer_StoresThemInOneRequest()
    {
        string offerId = OfferRecords.NewId();
        HistoryEntry[] entries = [Entry("p-h", offerId, "i-001", T0), Entry("p-h", offerId, "i-002", T0.AddSeconds(1), HistoryKind.Validated), Entry("p-h", offerId, "i-003", T0.AddSeconds(2), HistoryKind.ReviewRequested)];
        await _tables.GetAsync(CoSellTables.History);
        _requests.Reset();

        await _store.AppendAllAsync(entries);

        Assert.Equal(1, _requests.Count);
        Assert.Equal(["i-001", "i-002", "i-003"], (await _store.ListAsync("p-h", offerId)).Select(e => e.EntryId));
    }

    [Fact]
    public async Task AppendAllAsync_OneEntryWrittenBefore_StoresTheOthersOnceAndKeepsTheEarlierOne()
    {
        string offerId = OfferRecords.NewId();
        HistoryEntry earlier = Entry("p-h", offerId, "i-002", T0);
        await _store.AppendAsync(earlier);

        await _store.AppendAllAsync([Entry("p-h", offerId, "i-001", T0), earlier with { At = T0.AddMinutes(5) }, Entry("p-h", offerId, "i-003", T0.AddSeconds(2))]);
        await _store.AppendAllAsync([Entry("p-h", offerId, "i-001", T0), earlier, Entry("p-h", offerId, "i-003", T0.AddSeconds(2))]);

        IReadOnlyList<HistoryEntry> history = await _store.ListAsync("p-h", offerId);
        Assert.Equal(["i-001", "i-002", "i-003"], history.Select(e => e.EntryId).Order(StringComparer.Ordinal));
        Assert.Equal(T0, Assert.Single(history, e => e.EntryId == "i-002").At);
    }

    [Fact]
    public async Task AppendAllAsync_EntriesOfTwoOffers_StoresEachUnderItsOffer()
    {
        string first = OfferRecords.NewId(), second = OfferRecords.NewId();

        await _store.AppendAllAsync([Entry("p-h", first, "i-001", T0), Entry("p-h", second, "i-001", T0)]);

        Assert.Single(await _store.ListAsync("p-h", first));
        Assert.Single(await _store.ListAsync("p-h", second));
    }
}
