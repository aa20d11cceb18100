using System.Globalization;
using System.Net;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Reliability.Tests;

/// <summary>Scenario 2, second half: an approval posted right around the review's expiry timer.</summary>
[Trait("Category", "Reliability")]
public sealed class ExpiryRaceTests
{
    static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(9);

    /// <summary>The link stops taking decisions this long before expiry (<c>CoSellHttp:DecisionCutoffBeforeExpiry</c>, default).</summary>
    static readonly TimeSpan Cutoff = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>When each approval is posted, relative to the last moment the link takes a decision (ms).</summary>
    static readonly int[] OffsetsMs = [-400, -200, -100, -50, -20, 0, 20, 100];

    [Fact]
    public async Task Decide_ApprovalPostedAroundTheLinksCutoff_ExactlyOneOutcomeAndTheAnswerTellsWhichOne()
    {
        await using ReliabilityHost host = await ReliabilityHost.StartAsync("Expiry", expireAfter: ExpireAfter);
        string[] offers = [.. OffsetsMs.Select((_, i) => $"expiry-{i}")];
        foreach (string offer in offers)
        {
            await host.CreateOfferAsync(offer);
        }

        string[] ids = await Task.WhenAll(offers.Select(host.SubmitAsync));
        OrchestrationMetadata[] waiting = await Task.WhenAll(ids.Select(id => host.WaitForReviewAsync(id, Bound)));
        HttpStatusCode[] answers = await Task.WhenAll(ids.Select((id, i) => ApproveAtAsync(host, id, ExpiresAt(waiting[i]) - Cutoff + TimeSpan.FromMilliseconds(OffsetsMs[i]))));
        OrchestrationMetadata[] ends = await Task.WhenAll(ids.Select(id => host.WaitForEndAsync(id, Bound)));

        Assert.Contains(HttpStatusCode.OK, answers);
        Assert.Contains(HttpStatusCode.Gone, answers);
        for (int i = 0; i < ids.Length; i++)
        {
            CoSellOutcome? outcome = ends[i].ReadOutputAs<CoSellOutcome>();
            IReadOnlyList<HistoryEntry> history = await host.History.ListAsync(ReliabilityHost.PartnerId, offers[i]);
            OfferRecord? stored = await host.Offers.GetAsync(ReliabilityHost.PartnerId, offers[i]);
            string because = $"approval posted {OffsetsMs[i].ToString(CultureInfo.InvariantCulture)} ms from the cutoff answered {(int)answers[i]}, review resolved {outcome?.Resolution}";

            Assert.True(answers[i] is HttpStatusCode.OK or HttpStatusCode.Gone, because);
            Assert.True(outcome?.Resolution == (answers[i] == HttpStatusCode.OK ? ReviewResolution.Approved : ReviewResolution.Expired), because);
            Assert.Single(history, h => h.Kind is HistoryKind.Reviewed or HistoryKind.ReviewExpired);
            Assert.Equal(answers[i] == HttpStatusCode.OK, stored?.Current?.ReviewerApproved);
        }
    }

    static DateTimeOffset ExpiresAt(OrchestrationMetadata waiting)
        => waiting.ReadCustomStatusAs<ReviewProgress>()!.Since + ExpireAfter;

    static async Task<HttpStatusCode> ApproveAtAsync(ReliabilityHost host, string id, DateTimeOffset at)
    {
        string link = host.ReviewLink(id);
        TimeSpan wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        using HttpResponseMessage response = await host.DecideAsync(link, "approve");
        return response.StatusCode;
    }
}
