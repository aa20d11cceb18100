using CoSell.Domain;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Http.Fakes;

namespace CoSell.Workflow.Tests.Http;

public sealed class OfferUpdaterTests
{
    [Fact]
    public async Task Update_ConcurrentWriteWithoutIfMatch_ReappliesOnTheNewRowSoNothingIsLost()
    {
        var store = new RacingOfferStore();
        store.Seed(TestData.Offer());
        var updater = new OfferUpdater(store, new ManualTimeProvider(TestData.Now));
        var contact = new SalesContact("Li", "li@contoso.example", null, null, ["DE"]);

        UpdateOutcome outcome = await updater.UpdateAsync("contoso", "analytics", null, current =>
            current with { Materials = current.Materials with { Contacts = [contact] } }, CancellationToken.None);

        Assert.Equal(UpdateStatus.Updated, outcome.Status);
        OfferRecord stored = store.Find("contoso", "analytics")!;
        Assert.Equal("Renamed concurrently", stored.Offer.Name);
        Assert.Equal([contact], stored.Materials.Contacts);
        Assert.Equal(3, stored.DraftVersion);
    }

    [Fact]
    public async Task Update_ConcurrentWriteWithIfMatch_PreconditionFailedAndTheOtherWriteStands()
    {
        var store = new RacingOfferStore();
        OfferRecord seeded = store.Seed(TestData.Offer());
        var updater = new OfferUpdater(store, new ManualTimeProvider(TestData.Now));

        UpdateOutcome outcome = await updater.UpdateAsync("contoso", "analytics", EntityTags.ToHeader(seeded.ETag), current =>
            current with { Offer = current.Offer with { Name = "Mine" } }, CancellationToken.None);

        Assert.Equal(UpdateStatus.PreconditionFailed, outcome.Status);
        Assert.Equal("Renamed concurrently", store.Find("contoso", "analytics")!.Offer.Name);
    }

    [Theory]
    [InlineData("W/\"v1\"", true)]
    [InlineData("\"x\", W/\"v1\"", true)]
    [InlineData("*", true)]
    [InlineData("W/\"v2\"", false)]
    [InlineData("\"v1\"", false)]
    public void Matches_IfMatchHeader_ComparesStrongly(string ifMatch, bool expected)
    {
        Assert.Equal(expected, EntityTags.Matches(ifMatch, "W/\"v1\""));
    }

    [Fact]
    public void ToHeader_UnquotedStoreTag_IsQuoted()
    {
        Assert.Equal("\"0x8DC\"", EntityTags.ToHeader("0x8DC"));
        Assert.True(EntityTags.Matches("\"0x8DC\"", "0x8DC"));
    }

    /// <summary>Another writer renames the offer just before our first replace lands.</summary>
    private sealed class RacingOfferStore : IOfferStore
    {
        private readonly InMemoryOfferStore _inner = new();
        private bool _raced;

        public OfferRecord Seed(OfferRecord record) => _inner.Seed(record);

        public OfferRecord? Find(string partnerId, string offerId) => _inner.Find(partnerId, offerId);

        public Task<OfferRecord?> GetAsync(string partnerId, string offerId, CancellationToken cancellationToken = default) => _inner.GetAsync(partnerId, offerId, cancellationToken);

        public Task<OfferRecord> CreateAsync(OfferRecord record, CancellationToken cancellationToken = default) => _inner.CreateAsync(record, cancellationToken);

        public async Task<OfferRecord> ReplaceAsync(OfferRecord record, string etag, CancellationToken cancellationToken = default)
        {
            if (!_raced)
            {
                _raced = true;
                OfferRecord current = _inner.Find(record.PartnerId, record.OfferId)!;
                await _inner.ReplaceAsync(current with { Offer = current.Offer with { Name = "Renamed concurrently" }, DraftVersion = current.DraftVersion + 1 }, current.ETag!, cancellationToken);
            }

            return await _inner.ReplaceAsync(record, etag, cancellationToken);
        }

        public IAsyncEnumerable<OfferRecord> ListReviewedAsync(CancellationToken cancellationToken = default) => _inner.ListReviewedAsync(cancellationToken);
    }
}
