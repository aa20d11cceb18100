using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Workflow.Http;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Xunit.Abstractions;

namespace CoSell.Reliability.Tests;

/// <summary>
/// Scenario 4: the local host as a child process, SIGKILLed twice while 200 reviews run (once while they are
/// validating and asking reviewers, once while approvals are being recorded), restarted on the same storage and task hub.
/// Mail goes to a SendGrid stand-in in the test process, so what was sent survives the kills. The soak runs more
/// reviews: <c>COSELL_SOAK_REVIEWS=1000 dotnet test tests/CoSell.Reliability.Tests --filter FullyQualifiedName~HostCrash</c>.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class HostCrashTests(ITestOutputHelper output)
{
    const int DraftVersion = 3;
    static readonly int Reviews = int.TryParse(Environment.GetEnvironmentVariable("COSELL_SOAK_REVIEWS"), out int soak) && soak > 0 ? soak : 200;
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(150 + Reviews / 2);

    [Fact]
    public async Task Reviews_HostKilledTwiceMidFlight_EveryReviewCompletesWithFullHistoryAndEveryMailCaptured()
    {
        string storage = await AzuriteServer.GetConnectionStringAsync();
        string prefix = "Crash" + Guid.NewGuid().ToString("N")[..10];
        await using SendGridCaptureServer sendGrid = await SendGridCaptureServer.StartAsync();
        string site = $"http://127.0.0.1:{FreePort()}";
        using var http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(30) };
        var client = new ProductClient(http);
        Dictionary<string, string> settings = ChildHost.Settings(prefix, storage, site, sendGrid.Host);
        settings[$"PartnerAuth__Partners__{ProductClient.PartnerId}"] = ProductClient.PartnerKey;
        using var child = new ChildHost(site, settings);
        int seed = Environment.TickCount;
        var random = new Random(seed);
        await child.StartAsync(http);
        await client.UploadRevenueAsync();
        string[] offers = [.. Enumerable.Range(1, Reviews).Select(i => $"crash-{i:D4}")];
        await Parallel.ForEachAsync(offers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (offer, _) => await client.CreateOfferAsync(offer));

        string[] ids = await Task.WhenAll(offers.Select(client.SubmitAsync));
        int firstKillAfterMs = random.Next(500, 5000);
        await Task.Delay(firstKillAfterMs);
        int mailsAtFirstKill = sendGrid.Delivered.Count;
        child.Kill();
        await child.StartAsync(http);
        await WaitUntilAsync(() => ids.All(id => ReviewLink(sendGrid, id) is not null), "every reviewer asked", child);
        Task<HttpStatusCode?[]> approving = Task.WhenAll(ids.Select(id => TryApproveAsync(client, ReviewLink(sendGrid, id)!)));
        int secondKillAfterMs = random.Next(10, 300);
        await Task.Delay(secondKillAfterMs);
        child.Kill();
        HttpStatusCode?[] firstAnswers = await approving;
        await child.StartAsync(http);
        HttpStatusCode?[] secondAnswers = await Task.WhenAll(ids.Select(id => TryApproveAsync(client, ReviewLink(sendGrid, id)!)));
        SubmissionStatusResponse[] ends = await Task.WhenAll(offers.Select(offer => WaitForEndAsync(http, offer, child)));
        IReadOnlyList<CapturedMail> delivered = sendGrid.Delivered;
        var copies = delivered.GroupBy(m => m.NotificationKey ?? "(none)").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string[] expectedKeys = [.. ids.SelectMany(id => new[] { $"{id}/review-request-1", $"{id}/partner-outcome", $"{id}/reviewer-recorded" })];
        var tables = new CoSellTables(new TableServiceClient(storage), prefix);
        TableClient outbox = await tables.GetAsync(CoSellTables.Notifications);
        var history = new TableHistoryStore(tables);
        string[] duplicated = [.. copies.Where(c => c.Value > 1).Select(c => c.Key)];
        output.WriteLine($"seed {seed}; kill 1 after {firstKillAfterMs} ms ({mailsAtFirstKill} mails out), kill 2 after {secondKillAfterMs} ms of approvals; "
            + $"{ids.Length} reviews, {delivered.Count} mails delivered for {expectedKeys.Length} keys, duplicated keys: {duplicated.Length} [{string.Join(", ", duplicated)}]; "
            + $"approvals cut by the kill: {firstAnswers.Count(a => a is null)}; answers after the restart: {Tally(secondAnswers)}");

        Assert.All(ends, e => Assert.Equal("Completed", e.RuntimeStatus));
        Assert.All(ends, e => Assert.Equal(ReviewResolution.Approved, e.Output?.Resolution));
        Assert.All(secondAnswers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.Conflict, $"second approval answered {a}"));
        Assert.All(expectedKeys, key => Assert.True(copies.ContainsKey(key), $"mail {key} never arrived"));
        Assert.Equal(expectedKeys.Length, copies.Count);
        foreach (string key in duplicated)
        {
            string[] parts = key.Split('/');
            TableEntity row = (await outbox.GetEntityAsync<TableEntity>(parts[0], parts[1])).Value;
            Assert.True(row.GetInt32("Attempts") >= copies[key], $"{key} arrived {copies[key]} times but the outbox claimed it {row.GetInt32("Attempts")} times");
        }

        foreach (string offer in offers)
        {
            IReadOnlyList<HistoryEntry> entries = await history.ListAsync(ProductClient.PartnerId, offer);
            int Count(HistoryKind kind) => entries.Count(e => e.Kind == kind);

            int[] counts = [Count(HistoryKind.Submitted), Count(HistoryKind.Validated), Count(HistoryKind.ReviewRequested), Count(HistoryKind.Reviewed), Count(HistoryKind.StatusChanged), Count(HistoryKind.Notified)];
            if (!counts.SequenceEqual([1, 1, 1, 1, 1, 2]))
            {
                output.WriteLine(offer + ": " + string.Join(" | ", entries.Select(e => $"{e.Kind} {e.EntryId} {e.At:HH:mm:ss.fff} {e.Summary}")));
            }

            Assert.Equal([1, 1, 1, 1, 1, 2], counts);
        }
    }

    static string Tally(IEnumerable<HttpStatusCode?> answers)
        => string.Join(", ", answers.GroupBy(a => a is null ? "none" : ((int)a).ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(g => $"{g.Key} x{g.Count()}"));

    static string? ReviewLink(SendGridCaptureServer sendGrid, string instanceId)
    {
        CapturedMail? mail = sendGrid.Delivered.FirstOrDefault(m => m.NotificationKey == $"{instanceId}/review-request-1");
        Match link = ReviewLinkPattern().Match(mail?.Text ?? string.Empty);
        return link.Success ? link.Value : null;
    }

    /// <summary>An approval; null when the host died under it.</summary>
    static async Task<HttpStatusCode?> TryApproveAsync(ProductClient client, string link)
    {
        try
        {
            using HttpResponseMessage response = await client.DecideAsync(link, "approve");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    async Task<SubmissionStatusResponse> WaitForEndAsync(HttpClient http, string offer, ChildHost child)
    {
        SubmissionStatusResponse? last = null;
        await WaitUntilAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, ProductClient.OfferPath(offer) + $"/submissions/{DraftVersion}");
                request.Headers.Add("X-Partner-Key", ProductClient.PartnerKey);
                using HttpResponseMessage response = await http.SendAsync(request);
                last = await response.Content.ReadFromJsonAsync<SubmissionStatusResponse>(ApiJson.Options);
                return last?.RuntimeStatus is "Completed" or "Failed" or "Terminated";
            },
            $"{offer} finished",
            child);
        return last!;
    }

    Task WaitUntilAsync(Func<bool> condition, string what, ChildHost child) => WaitUntilAsync(() => Task.FromResult(condition()), what, child);

    async Task WaitUntilAsync(Func<Task<bool>> condition, string what, ChildHost child)
    {
        using var deadline = new CancellationTokenSource(Bound);
        while (!await condition())
        {
            try
            {
                await Task.Delay(500, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine(child.Tail());
                throw new TimeoutException($"Not {what} within {Bound}.");
            }
        }
    }

    static int FreePort() => LoopbackPorts.Free();

    [GeneratedRegex(@"https?://[^\s""<>]+/review/[A-Za-z0-9._~%\-]+")]
    private static partial Regex ReviewLinkPattern();
}
