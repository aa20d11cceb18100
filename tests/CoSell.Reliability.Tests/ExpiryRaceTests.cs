using System.Globalization;
using System.Net;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Reliability.Tests;

/// <summary>Scenario 2, second half: an approval posted right around the review's expiry timer.</summary>
[Trait("Category", "Reliability")]
public sealed class ExpiryRaceTests(Xunit.Abstractions.ITestOutputHelper output)
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

    /// <summary>
    /// The race itself, with no cutoff: approvals posted from 300 ms before to 100 ms after the moment the link expires
    /// (the signed expiry is in whole seconds, at most a second before the review's own expiry timer). Review version 2
    /// settles it in the review's one decision row (the expiry timer's CloseReview against the reviewer's insert), so
    /// whatever the timing, the answer the reviewer got and the recorded outcome agree.
    /// </summary>
    [Fact]
    public async Task Decide_ApprovalPostedAroundTheExpiryWithoutCutoff_TheAnswerAndTheRecordedOutcomeAlwaysAgree()
    {
        int[] offsetsMs = [-300, -150, -60, -20, 0, 20, 60, 100];
        await using ReliabilityHost host = await ReliabilityHost.StartAsync("ExpiryRow", expireAfter: ExpireAfter, settings: new Dictionary<string, string?>
        {
            ["CoSellHttp:DecisionCutoffBeforeExpiry"] = "00:00:00",
        });
        string[] offers = [.. offsetsMs.Select((_, i) => $"expiry-row-{i}")];
        foreach (string offer in offers)
        {
            await host.CreateOfferAsync(offer);
        }

        string[] ids = await Task.WhenAll(offers.Select(host.SubmitAsync));
        OrchestrationMetadata[] waiting = await Task.WhenAll(ids.Select(id => host.WaitForReviewAsync(id, Bound)));
        HttpStatusCode[] answers = await Task.WhenAll(ids.Select((id, i) => ApproveAtAsync(host, id, LinkExpiresAt(waiting[i]) + TimeSpan.FromMilliseconds(offsetsMs[i]))));
        OrchestrationMetadata[] ends = await Task.WhenAll(ids.Select(id => host.WaitForEndAsync(id, Bound)));
        output.WriteLine("offset ms -> answer: " + string.Join(", ", offsetsMs.Select((o, i) => $"{o}->{(int)answers[i]}")));

        for (int i = 0; i < ids.Length; i++)
        {
            CoSellOutcome? outcome = ends[i].ReadOutputAs<CoSellOutcome>();
            IReadOnlyList<HistoryEntry> history = await host.History.ListAsync(ReliabilityHost.PartnerId, offers[i]);
            string because = $"approval posted {offsetsMs[i].ToString(CultureInfo.InvariantCulture)} ms from the expiry answered {(int)answers[i]}, review resolved {outcome?.Resolution}";

            Assert.True(answers[i] is HttpStatusCode.OK or HttpStatusCode.Gone, because);
            Assert.True(outcome?.Resolution == (answers[i] == HttpStatusCode.OK ? ReviewResolution.Approved : ReviewResolution.Expired), because);
            Assert.Single(history, h => h.Kind is HistoryKind.Reviewed or HistoryKind.ReviewExpired);
        }
    }

    static DateTimeOffset ExpiresAt(OrchestrationMetadata waiting)
        => waiting.ReadCustomStatusAs<ReviewProgress>()!.Since + ExpireAfter;

    /// <summary>When the signed link stops verifying: its expiry claim is whole Unix seconds.</summary>
    static DateTimeOffset LinkExpiresAt(OrchestrationMetadata waiting)
        => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt(waiting).ToUnixTimeSeconds());

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
