using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using CoSell.Workflow.Tests.Fakes;

namespace CoSell.Workflow.Tests.Reevaluation;

public sealed class OrganisationPagingTests
{
    private static async Task<InMemoryRevenueStore> FeedAsync(params string[] organisations)
    {
        InMemoryRevenueStore revenue = new();
        foreach (string organisation in organisations)
        {
            await revenue.AcrAsync(organisation, 1_000m);
        }

        return revenue;
    }

    [Fact]
    public async Task ListOrganisations_FivePagedInFours_ContiguousRangesTheLastOneOpen()
    {
        var activity = new ListOrganisationsActivity(await FeedAsync("o-4", "o-2", "o-5", "o-1", "o-3"));

        ReevaluationPage first = await activity.RunAsync(new ReevaluationPageRequest(ReviewedOffers.Month, null, PageSize: 4, BatchSize: 3), CancellationToken.None);
        ReevaluationPage last = await activity.RunAsync(new ReevaluationPageRequest(ReviewedOffers.Month, first.Continuation, PageSize: 4, BatchSize: 3), CancellationToken.None);

        Assert.Equal(
            new (string?, string?, string?, int)[] { (null, "o-3", "o-1", 3), ("o-3", "o-4", "o-4", 1) },
            first.Batches.Select(b => (b.After, b.Through, b.First, b.Organisations)));
        Assert.Equal("o-4", first.Continuation);
        Assert.Equal(new (string?, string?, string?, int)[] { ("o-4", null, "o-5", 1) }, last.Batches.Select(b => (b.After, b.Through, b.First, b.Organisations)));
        Assert.Null(last.Continuation);
    }

    [Fact]
    public async Task ListOrganisations_FullPageThenNothing_EndsWithOneOpenRangeForPartnersWithoutRevenue()
    {
        var activity = new ListOrganisationsActivity(await FeedAsync("o-1", "o-2"));

        ReevaluationPage first = await activity.RunAsync(new ReevaluationPageRequest(ReviewedOffers.Month, null, PageSize: 2, BatchSize: 2), CancellationToken.None);
        ReevaluationPage last = await activity.RunAsync(new ReevaluationPageRequest(ReviewedOffers.Month, first.Continuation, PageSize: 2, BatchSize: 2), CancellationToken.None);

        Assert.Equal("o-2", Assert.Single(first.Batches).Through);
        OrganisationRange rest = Assert.Single(last.Batches);
        Assert.Equal(("o-2", null, null, 0), (rest.After, rest.Through, rest.First, rest.Organisations));
        Assert.Null(last.Continuation);
    }

    [Fact]
    public void OrganisationRange_ConsecutiveRanges_EveryIdInExactlyOne()
    {
        OrganisationRange first = new(null, "p-2", "p-1", 2);
        OrganisationRange second = new("p-2", "p-5", "p-5", 1);
        OrganisationRange rest = new("p-5", null, null, 0);

        Assert.All(
            new[] { "a", "p-1", "p-2", "p-2x", "p-3", "p-5", "p-6", "z" },
            id => Assert.Equal(1, new[] { first, second, rest }.Count(r => r.Contains(id))));
    }
}
