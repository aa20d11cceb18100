using System.Net;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Reliability.Tests;

/// <summary>Scenario 2: decisions that race each other on the reviewer links: exactly one outcome, the loser hears 409.</summary>
[Trait("Category", "Reliability")]
public sealed class DecisionRaceTests : IAsyncLifetime
{
    const int Rounds = 4;
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    const string First = "first@cosell.localhost";
    const string Second = "second@cosell.localhost";
    ReliabilityHost host = null!;

    public async Task InitializeAsync() => host = await ReliabilityHost.StartAsync("Race", [First, Second]);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Decide_ApproveAndRejectPostedTogetherOnOneLink_OneOutcomeAndTheLoserGets409()
    {
        string[] ids = await StartReviewsAsync("mixed");

        foreach (string id in ids)
        {
            string link = host.ReviewLink(id);
            (HttpStatusCode approve, HttpStatusCode reject) = await TogetherAsync(
                () => host.DecideAsync(link, "approve", "Looks good"),
                () => host.DecideAsync(link, "reject", "Missing case study"));
            bool approveWon = approve == HttpStatusCode.OK;

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { approve, reject }.Order());
            await AssertOneOutcomeAsync(id, approveWon ? ReviewResolution.Approved : ReviewResolution.Rejected, First);
        }
    }

    [Fact]
    public async Task Decide_ApproveDoubleClicked_OneOutcomeAndTheSecondClickGets409()
    {
        string[] ids = await StartReviewsAsync("double");

        foreach (string id in ids)
        {
            string link = host.ReviewLink(id);
            (HttpStatusCode one, HttpStatusCode two) = await TogetherAsync(
                () => host.DecideAsync(link, "approve"),
                () => host.DecideAsync(link, "approve"));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { one, two }.Order());
            await AssertOneOutcomeAsync(id, ReviewResolution.Approved, First);
        }
    }

    [Fact]
    public async Task Decide_TwoReviewersLinksAtOnce_OneOutcomeByTheWinnerAndTheOtherGets409()
    {
        string[] ids = await StartReviewsAsync("two");

        foreach (string id in ids)
        {
            (HttpStatusCode first, HttpStatusCode second) = await TogetherAsync(
                () => host.DecideAsync(host.ReviewLink(id, 1), "approve"),
                () => host.DecideAsync(host.ReviewLink(id, 2), "reject", "Not convinced"));
            bool firstWon = first == HttpStatusCode.OK;

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { first, second }.Order());
            await AssertOneOutcomeAsync(id, firstWon ? ReviewResolution.Approved : ReviewResolution.Rejected, firstWon ? First : Second);
        }
    }

    async Task<string[]> StartReviewsAsync(string hint)
    {
        string[] offers = [.. Enumerable.Range(1, Rounds).Select(i => $"{hint}-{i}")];
        foreach (string offer in offers)
        {
            await host.CreateOfferAsync(offer);
        }

        string[] ids = await Task.WhenAll(offers.Select(host.SubmitAsync));
        await Task.WhenAll(ids.Select(id => host.WaitForReviewAsync(id, Bound)));
        return ids;
    }

    static async Task<(HttpStatusCode A, HttpStatusCode B)> TogetherAsync(Func<Task<HttpResponseMessage>> a, Func<Task<HttpResponseMessage>> b)
    {
        (HttpResponseMessage one, HttpResponseMessage two) = await Together.RunAsync(a, b);
        using (one)
        using (two)
        {
            return (one.StatusCode, two.StatusCode);
        }
    }

    async Task AssertOneOutcomeAsync(string id, ReviewResolution expected, string reviewer)
    {
        OrchestrationMetadata end = await host.WaitForEndAsync(id, Bound);
        CoSellOutcome? outcome = end.ReadOutputAs<CoSellOutcome>();
        string offerId = end.ReadInputAs<ReviewRequest>()!.Submission.Offer.OfferId;
        IReadOnlyList<HistoryEntry> history = await host.History.ListAsync(ReliabilityHost.PartnerId, offerId);
        OfferRecord? stored = await host.Offers.GetAsync(ReliabilityHost.PartnerId, offerId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(expected, outcome?.Resolution);
        Assert.Equal(reviewer, outcome?.Reviewer);
        HistoryEntry reviewed = Assert.Single(history, h => h.Kind is HistoryKind.Reviewed or HistoryKind.ReviewExpired);
        Assert.Equal(HistoryKind.Reviewed, reviewed.Kind);
        Assert.Equal(reviewer, reviewed.Actor);
        Assert.Equal(id, stored?.Current?.InstanceId);
        Assert.Equal(expected == ReviewResolution.Approved, stored?.Current?.ReviewerApproved);
        Assert.Single(history, h => h.Kind == HistoryKind.StatusChanged && h.InstanceId == id);
    }
}
