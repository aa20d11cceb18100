using System.Net;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using Microsoft.DurableTask.Client;

namespace CoSell.Reliability.Tests;

/// <summary>Scenario 1: the mail provider throttles, then fails, while ten reviews run; every mail still goes out once.</summary>
[Trait("Category", "Reliability")]
public sealed class MailFaultTests
{
    const int Reviews = 10;
    const int ThrottledSends = 6;
    const int FailedSends = 6;
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Reviews_MailboxAnswers429Then503_EveryMailDeliveredExactlyOnceAndEveryReviewCompletes()
    {
        await using ReliabilityHost host = await ReliabilityHost.StartAsync("Mail");
        string[] offers = [.. Enumerable.Range(1, Reviews).Select(i => $"mail-{i:D2}")];
        foreach (string offer in offers)
        {
            await host.CreateOfferAsync(offer);
        }

        await host.SetMailFaultsAsync(429, ThrottledSends);
        string[] ids = await Task.WhenAll(offers.Select(host.SubmitAsync));
        await WaitUntilAsync(() => host.MailFaultsRemaining == 0);
        await host.SetMailFaultsAsync(503, FailedSends);
        await Task.WhenAll(ids.Select(id => host.WaitForReviewAsync(id, Bound)));
        await WaitUntilAsync(() => host.MailFaultsRemaining == 0);
        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(async id =>
        {
            using HttpResponseMessage response = await host.DecideAsync(host.ReviewLink(id), "approve", "Fine");
            return response.StatusCode;
        }));
        OrchestrationMetadata[] ends = await Task.WhenAll(ids.Select(id => host.WaitForEndAsync(id, Bound)));
        IReadOnlyList<string> delivered = host.DeliveredKeys();
        string[] expected = [.. ids.SelectMany(id => new[] { $"{id}/review-request-1", $"{id}/partner-outcome", $"{id}/reviewer-recorded" }).Order(StringComparer.Ordinal)];

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(ends, e => Assert.Equal(OrchestrationRuntimeStatus.Completed, e.RuntimeStatus));
        Assert.All(ends, e => Assert.Equal(ReviewResolution.Approved, e.ReadOutputAs<CoSellOutcome>()!.Resolution));
        Assert.Equal(0, host.MailFaultsRemaining);
        Assert.Equal(expected, delivered.Order(StringComparer.Ordinal));
        foreach (string offer in offers)
        {
            Assert.Equal(CoSellStatus.CoSellIncentivized, (await host.Offers.GetAsync(ReliabilityHost.PartnerId, offer))?.Current?.Status);
        }
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
