using CoSell.Domain;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
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

        IReadOnlyList<OfferKey> first = await offers.ListReviewedKeysAsync(null, 2);
        store.Seed("fabrikam", "o-1", CoSellStatus.NotReady);
        IReadOnlyList<OfferKey> second = await offers.ListReviewedKeysAsync(first[^1], 2);
        IReadOnlyList<OfferKey> third = await offers.ListReviewedKeysAsync(second[^1], 2);

        Assert.Equal(["o-1", "o-2"], first.Select(k => k.OfferId));
        Assert.Equal(["o-3", "o-4"], second.Select(k => k.OfferId));
        Assert.Equal(["o-5"], third.Select(k => k.OfferId));
    }

    [Fact]
    public async Task ListReviewedOffers_FivePagedInTwos_ContiguousRangesAndTheLastKeyToContinueFrom()
    {
        InMemoryOfferStore store = new();
        foreach (string offerId in new[] { "o-1", "o-2", "o-3", "o-4", "o-5" })
        {
            store.Seed("fabrikam", offerId, CoSellStatus.CoSellIncentivized);
        }

        var activity = new ListReviewedOffersActivity(store);

        ReevaluationPage first = await activity.RunAsync(new ReevaluationPageRequest(null, PageSize: 4, BatchSize: 3), CancellationToken.None);
        ReevaluationPage last = await activity.RunAsync(new ReevaluationPageRequest(first.Continuation, PageSize: 4, BatchSize: 3), CancellationToken.None);

        Assert.Equal(
            new (string?, string, string, int)[] { (null, "o-1", "o-3", 3), ("o-3", "o-4", "o-4", 1) },
            first.Batches.Select(b => (b.After?.OfferId, b.First.OfferId, b.Through.OfferId, b.Listed)));
        Assert.Equal("o-4", first.Continuation?.OfferId);
        Assert.Equal(new[] { ("o-4", "o-5", 1) }, last.Batches.Select(b => (b.After!.OfferId, b.Through.OfferId, b.Listed)));
        Assert.Null(last.Continuation);
    }

    [Fact]
    public void OfferKeyRange_ConsecutiveRanges_EveryKeyInExactlyOne()
    {
        OfferKey a = new("p-1", "o-2"), b = new("p-2", "o-1");
        OfferKeyRange first = new(null, new OfferKey("p-1", "o-1"), a, 2);
        OfferKeyRange second = new(a, b, b, 1);

        Assert.All(
            new[] { new OfferKey("p-0", "x"), new OfferKey("p-1", "o-1"), a, new OfferKey("p-1", "o-3"), b, new OfferKey("p-2", "o-2") },
            key => Assert.True(first.Contains(key) ^ second.Contains(key) || key > b, $"{key} is in both ranges or in neither"));
        Assert.False(second.Contains(new OfferKey("p-2", "o-2")));
    }
}
