using CoSell.Domain;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Reevaluation;

public sealed class OfferKeyPagingTests
{
    [Fact]
    public async Task ListReviewedKeysAsync_OfferLeavesTheSetBetweenPages_NextPageNeitherSkipsNorRepeats()
    {
        InMemoryOfferStore store = new();
        foreach (string offerId in new[] { "o-4", "o-2", "o-5", "o-1", "o-3" })
        {
            store.Seed("fabrikam", offerId, CoSellStatus.CoSellReady);
        }

        store.Seed("fabrikam", "o-0", CoSellStatus.NotReady);
        IOfferStore offers = store;

        OfferKeyPage first = await offers.ListReviewedKeysAsync(null, 2);
        store.Seed("fabrikam", "o-1", CoSellStatus.NotReady);
        OfferKeyPage second = await offers.ListReviewedKeysAsync(first.ContinuationToken, 2);
        OfferKeyPage third = await offers.ListReviewedKeysAsync(second.ContinuationToken, 2);

        Assert.Equal(["o-1", "o-2"], first.Keys.Select(k => k.OfferId));
        Assert.Equal(["o-3", "o-4"], second.Keys.Select(k => k.OfferId));
        Assert.Equal(["o-5"], third.Keys.Select(k => k.OfferId));
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task ListReviewedKeysAsync_ForeignToken_IsRefused()
    {
        IOfferStore offers = new InMemoryOfferStore();

        await Assert.ThrowsAsync<ArgumentException>(() => offers.ListReviewedKeysAsync("not-a-token", 10));
    }
}
