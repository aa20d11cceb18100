using System.Net;
using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace CoSell.Reliability.Tests;

/// <summary>
/// Scenario 5: the storage emulator stops (SIGTERM) for a few seconds while reviews validate, and again while they
/// record, and starts on the same data folder; the host is not restarted.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    const int Reviews = 6;
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reviews_AzuriteStoppedTwiceAndStartedOnTheSameData_HostRecoversWithoutRestartAndNothingIsLost()
    {
        using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        await using ReliabilityHost host = await ReliabilityHost.StartAsync("Outage", storage: azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["LocalEngine:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["LocalEngine:ControlQueueVisibilityTimeout"] = "00:00:10",
        });
        string[] offers = [.. Enumerable.Range(1, Reviews).Select(i => $"outage-{i}")];
        foreach (string offer in offers)
        {
            await host.CreateOfferAsync(offer);
        }

        string[] ids = await Task.WhenAll(offers.Select(host.SubmitAsync));
        await Task.Delay(300);
        await azurite.StopAsync();
        await Task.Delay(Outage);
        await azurite.StartAsync();
        await Task.WhenAll(ids.Select(id => host.WaitForReviewAsync(id, Bound)));
        HttpStatusCode[] answers = await Task.WhenAll(ids.Select(async id =>
        {
            using HttpResponseMessage response = await host.DecideAsync(host.ReviewLink(id), "approve");
            return response.StatusCode;
        }));
        await azurite.StopAsync();
        await Task.Delay(Outage);
        await azurite.StartAsync();
        OrchestrationMetadata[] ends = await Task.WhenAll(ids.Select(id => host.WaitForEndAsync(id, Bound)));
        var copies = host.DeliveredKeys().GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        string[] expected = [.. ids.SelectMany(id => new[] { $"{id}/review-request-1", $"{id}/partner-outcome", $"{id}/reviewer-recorded" })];
        TableClient outbox = await new CoSellTables(new TableServiceClient(azurite.ConnectionString), host.TablePrefix).GetAsync(CoSellTables.Notifications);
        string[] duplicated = [.. copies.Where(c => c.Value > 1).Select(c => c.Key)];
        output.WriteLine($"{ids.Length} reviews, {copies.Values.Sum()} mails for {expected.Length} keys, duplicated keys: {duplicated.Length} [{string.Join(", ", duplicated)}]");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(ends, e => Assert.Equal(OrchestrationRuntimeStatus.Completed, e.RuntimeStatus));
        Assert.All(ends, e => Assert.Equal(ReviewResolution.Approved, e.ReadOutputAs<CoSellOutcome>()?.Resolution));
        Assert.Equal(expected.Order(StringComparer.Ordinal), copies.Keys.Order(StringComparer.Ordinal));
        foreach (string key in duplicated)
        {
            string[] parts = key.Split('/');
            TableEntity row = (await outbox.GetEntityAsync<TableEntity>(parts[0], parts[1])).Value;
            Assert.True(row.GetInt32("Attempts") >= copies[key], $"{key} arrived {copies[key]} times but the outbox claimed it {row.GetInt32("Attempts")} times");
        }

        foreach (string offer in offers)
        {
            IReadOnlyList<HistoryEntry> entries = await host.History.ListAsync(ReliabilityHost.PartnerId, offer);
            int Count(HistoryKind kind) => entries.Count(e => e.Kind == kind);

            Assert.Equal([1, 1, 1, 1, 1, 2], new[] { Count(HistoryKind.Submitted), Count(HistoryKind.Validated), Count(HistoryKind.ReviewRequested), Count(HistoryKind.Reviewed), Count(HistoryKind.StatusChanged), Count(HistoryKind.Notified) });
        }
    }
}
