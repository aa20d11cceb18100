using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Ports;

namespace CoSell.Integration.Tests.Tables;

[Trait("Category", "Integration")]
public sealed class TableOfferStoreTests : IClassFixture<AzuriteFixture>
{
    readonly AzuriteFixture _azurite;
    readonly CoSellTables _tables;
    readonly TableOfferStore _store;

    public TableOfferStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _tables = azurite.Tables();
        _store = new TableOfferStore(_tables);
    }

    [Fact]
    public async Task CreateAsync_NewOffer_StoresEveryFieldWithETag()
    {
        OfferRecord record = OfferRecords.Draft("p-create").WithStatus(CoSellStatus.CoSellIncentivized);

        OfferRecord created = await _store.CreateAsync(record);
        OfferRecord? loaded = await _store.GetAsync(record.PartnerId, record.OfferId);

        Assert.NotNull(created.ETag);
        Assert.NotNull(loaded);
        Assert.Equal(created.ETag, loaded.ETag);
        Assert.Equal(OfferRecords.Json(record), OfferRecords.Json(loaded));
        Assert.Equal(0.75m, loaded.Offer.RepeatableIpShare);
        Assert.Equal(CoSellStatus.CoSellIncentivized, loaded.Current!.Status);
    }

    [Fact]
    public async Task GetAsync_UnknownOffer_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync("p-none", OfferRecords.NewId()));
    }

    [Fact]
    public async Task CreateAsync_SameOfferTwice_ThrowsAlreadyExistsAndKeepsFirst()
    {
        OfferRecord first = OfferRecords.Draft("p-twice");
        await _store.CreateAsync(first);

        OfferRecord second = first with { DraftVersion = 9 };
        await Assert.ThrowsAsync<AlreadyExistsException>(() => _store.CreateAsync(second));

        OfferRecord? stored = await _store.GetAsync(first.PartnerId, first.OfferId);
        Assert.Equal(1, stored!.DraftVersion);
    }

    [Fact]
    public async Task ReplaceAsync_CurrentETag_StoresChangeWithNewETag()
    {
        OfferRecord created = await _store.CreateAsync(OfferRecords.Draft("p-replace"));

        OfferRecord replaced = await _store.ReplaceAsync(created.WithStatus(CoSellStatus.CoSellReady) with { DraftVersion = 2 }, created.ETag!);
        OfferRecord? stored = await _store.GetAsync(created.PartnerId, created.OfferId);

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(replaced.ETag, stored!.ETag);
        Assert.Equal(2, stored.DraftVersion);
        Assert.Equal(CoSellStatus.CoSellReady, stored.Current!.Status);
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_ThrowsConflictAndLeavesRowUnchanged()
    {
        OfferRecord created = await _store.CreateAsync(OfferRecords.Draft("p-stale"));
        OfferRecord winner = await _store.ReplaceAsync(created with { DraftVersion = 2 }, created.ETag!);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.ReplaceAsync(created.WithStatus(CoSellStatus.CoSellIncentivized) with { DraftVersion = 3 }, created.ETag!));

        OfferRecord? stored = await _store.GetAsync(created.PartnerId, created.OfferId);
        Assert.Equal(winner.ETag, stored!.ETag);
        Assert.Equal(2, stored.DraftVersion);
        Assert.Null(stored.Current);
    }

    [Fact]
    public async Task ReplaceAsync_RowNeverCreated_ThrowsConflict()
    {
        OfferRecord record = OfferRecords.Draft("p-ghost");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.ReplaceAsync(record, "W/\"datetime'2026-01-01T00%3A00%3A00Z'\""));

        Assert.Null(await _store.GetAsync(record.PartnerId, record.OfferId));
    }

    [Fact]
    public async Task CreateAsync_MaterialsLongerThanOneColumn_SplitsAndRoundTrips()
    {
        OfferRecord record = OfferRecords.Draft("p-large", contacts: 600);
        Assert.True(TableJson.Serialize(record.Materials).Length > TableColumns.MaxCharsPerColumn);

        await _store.CreateAsync(record);
        OfferRecord? loaded = await _store.GetAsync(record.PartnerId, record.OfferId);
        TableClient raw = await _tables.GetAsync(CoSellTables.Offers);
        TableEntity entity = (await raw.GetEntityAsync<TableEntity>(record.PartnerId, record.OfferId)).Value;

        Assert.True(entity.GetInt32("MaterialsJson_Parts") > 1);
        Assert.Equal(600, loaded!.Materials.Contacts.Count);
        Assert.Equal(OfferRecords.Json(record), OfferRecords.Json(loaded));
    }

    [Fact]
    public async Task CreateAsync_RecordOverOneMebibyte_FailsClearlyAndStoresNothing()
    {
        OfferRecord record = OfferRecords.Draft("p-huge", contacts: 8_000);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.CreateAsync(record));

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(record.PartnerId, record.OfferId));
    }

    [Fact]
    public async Task ListReviewedAsync_MixedStatusesOverSeveralPages_ReturnsOnlyReadyAndIncentivized()
    {
        var store = new TableOfferStore(_azurite.Tables(), pageSize: 2);
        var expected = new List<string>();
        foreach (CoSellStatus? status in new CoSellStatus?[] { null, CoSellStatus.NotReady, CoSellStatus.CoSellReady, CoSellStatus.CoSellIncentivized, CoSellStatus.CoSellReady, CoSellStatus.NotReady, CoSellStatus.CoSellIncentivized })
        {
            OfferRecord record = OfferRecords.Draft("p-list");
            record = status is { } s ? record.WithStatus(s) : record;
            await store.CreateAsync(record);
            if (status is CoSellStatus.CoSellReady or CoSellStatus.CoSellIncentivized)
            {
                expected.Add(record.OfferId);
            }
        }

        var listed = new List<OfferRecord>();
        await foreach (OfferRecord record in store.ListReviewedAsync())
        {
            listed.Add(record);
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Select(r => r.OfferId).Order(StringComparer.Ordinal));
        Assert.All(listed, r => Assert.NotNull(r.ETag));
    }
}
