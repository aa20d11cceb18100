using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CoSell.Adapters.Tables;
using CoSell.Domain;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.Integration.Tests.Tables;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using Xunit.Abstractions;

namespace CoSell.Reliability.Tests;

/// <summary>
/// The monthly re-evaluation on the local host as a child process, SIGKILLed in the middle of the run (after three pages
/// were done and mailed, while page 4 or 5 runs) and started again on the same storage and task hub: 1,800 offers of
/// 300 partners in pages of 30 partners, batches of 3. The partners of pages 4 and 5 keep their status, so no e-mail is
/// on its way when the kill lands (an e-mail SendGrid accepted just before a kill, with the outbox not yet marked,
/// would go out again: delivery is at least once, see README) and "exactly one e-mail per partner" is a fair assertion. The run
/// must complete once with the right figures, each affected partner must get exactly one e-mail and the admins one
/// summary, and no offer may get a second history entry. Mail goes to a SendGrid stand-in in the test process.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ReevaluationCrashTests(ITestOutputHelper output)
{
    const string Month = "2026-11";
    const int Partners = 300;
    const int OffersPerPartner = 6;
    const int PageSize = 30;
    const int BatchSize = 3;
    const int KillInPage = 4;
    const int QuietPages = 2;
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Reevaluation_HostKilledMidRun_CompletesOnceWithOneMailPerPartnerAndNoDuplicateHistory()
    {
        string storage = await AzuriteServer.GetConnectionStringAsync();
        string prefix = "Rcrash" + Guid.NewGuid().ToString("N")[..10];
        var tables = new CoSellTables(new TableServiceClient(storage), prefix);
        Expected expected = await SeedAsync(tables);
        await using SendGridCaptureServer sendGrid = await SendGridCaptureServer.StartAsync();
        string site = $"http://127.0.0.1:{ChildHost.FreePort()}";
        using var http = new HttpClient { BaseAddress = new Uri(site), Timeout = TimeSpan.FromSeconds(30) };
        Dictionary<string, string> settings = ChildHost.Settings(prefix, storage, site, sendGrid.Host);
        settings["Reevaluation__Admins__0"] = "admin@cosell.localhost";
        settings["Reevaluation__PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Reevaluation__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Reevaluation__MaxParallelBatches"] = "2";
        using var child = new ChildHost(site, settings);
        await child.StartAsync(http);

        using (HttpResponseMessage started = await AdminSendAsync(http, HttpMethod.Post))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        JsonElement atKill = await WaitForAsync(http, child, s => s.Progress is { } p && p.GetProperty("page").GetInt32() >= KillInPage, $"page {KillInPage} running");
        child.Kill();
        int mailsAtKill = sendGrid.Delivered.Count;
        int pageAtKill = atKill.GetProperty("customStatus").GetProperty("page").GetInt32();
        await child.StartAsync(http);
        using (HttpResponseMessage again = await AdminSendAsync(http, HttpMethod.Post))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        JsonElement end = await WaitForAsync(http, child, s => s.RuntimeStatus is "Completed" or "Failed" or "Terminated", "the run finished");
        ReevaluationSummary summary = end.GetProperty("output").Deserialize<ReevaluationSummary>(ApiJson.Options)!;
        var mails = sendGrid.Delivered.GroupBy(m => m.NotificationKey ?? "(none)").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Dictionary<string, int> historyPerOffer = await ReevaluatedEntriesAsync(tables);
        output.WriteLine($"killed at {atKill}; {mailsAtKill} mails out by then; {sendGrid.Delivered.Count} delivered in all for {mails.Count} keys; summary {JsonSerializer.Serialize(summary with { Issues = [] })}");

        Assert.Equal("Completed", end.GetProperty("runtimeStatus").GetString());
        Assert.True(pageAtKill < KillInPage + QuietPages, $"The kill came too late, in page {pageAtKill}; the test needs it in a page whose partners get no e-mail.");
        Assert.Equal(expected.MailedBeforeKill, mailsAtKill);
        Assert.Equal(
            (Evaluated: Partners * OffersPerPartner, expected.Granted, expected.Withdrawn, Unchanged: (Partners * OffersPerPartner) - expected.Granted - expected.Withdrawn, PartnersNotified: expected.Partners.Count, Errors: 0, MissingRevenue: 0),
            (summary.Evaluated, summary.Granted, summary.Withdrawn, summary.Unchanged, summary.PartnersNotified, summary.Errors, summary.MissingRevenue));
        string[] expectedKeys = [.. expected.Partners.Select(p => $"reeval-{Month}/{MonthlyReevaluationOrchestrator.PartnerStep(p)}"), $"reeval-{Month}/{MonthlyReevaluationOrchestrator.AdminSummaryStep}"];
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), mails.Keys.Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.True(m.Value == 1, $"{m.Key} was delivered {m.Value} times."));
        Assert.Equal(expected.Changed.Order(StringComparer.Ordinal), historyPerOffer.Keys.Order(StringComparer.Ordinal));
        Assert.All(historyPerOffer, h => Assert.True(h.Value == 1, $"{h.Key} has {h.Value} re-evaluation history entries."));
    }

    /// <summary>
    /// Partner k: k % 10 == 0 crosses 100,000 USD upwards (granted), k % 10 == 5 downwards (withdrawn), except in the
    /// quiet pages; every other partner keeps its status (odd k incentivized above the threshold, even k ready below it).
    /// </summary>
    static async Task<Expected> SeedAsync(CoSellTables tables)
    {
        var revenue = new TableRevenueStore(tables);
        var offers = new TableOfferStore(tables);
        string[] partners = [.. Enumerable.Range(0, Partners).Select(k => $"org-{k:D4}")];
        bool Changes(int k) => k % 5 == 0 && k / PageSize is not (>= KillInPage - 1 and < KillInPage - 1 + QuietPages);
        await revenue.ImportAsync(Month, [.. partners.Select((p, k) => new OrganisationProfile(p, Month, (k % 2 == 1) ^ Changes(k) ? 150_000m : 5_000m, [], false, false))]);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Partners * OffersPerPartner),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) =>
            {
                int k = i % Partners;
                CoSellStatus stored = k % 2 == 1 ? CoSellStatus.CoSellIncentivized : CoSellStatus.CoSellReady;
                await offers.CreateAsync(OfferRecords.Draft(partners[k], $"o-{i:D5}").WithStatus(stored), ct);
            });
        int[] granting = [.. Enumerable.Range(0, Partners).Where(k => Changes(k) && k % 2 == 0)];
        int[] withdrawing = [.. Enumerable.Range(0, Partners).Where(k => Changes(k) && k % 2 == 1)];
        string[] changed = [.. Enumerable.Range(0, Partners * OffersPerPartner).Where(i => Changes(i % Partners)).Select(i => TableHistoryStore.PartitionKeyOf(partners[i % Partners], $"o-{i:D5}"))];
        int mailedBeforeKill = Enumerable.Range(0, (KillInPage - 1) * PageSize).Count(Changes);
        return new Expected(granting.Length * OffersPerPartner, withdrawing.Length * OffersPerPartner, [.. granting.Concat(withdrawing).Select(k => partners[k])], changed, mailedBeforeKill);
    }

    /// <summary>Re-evaluation history entries per offer (history partition key), from one query over the history table.</summary>
    static async Task<Dictionary<string, int>> ReevaluatedEntriesAsync(CoSellTables tables)
    {
        TableClient history = await tables.GetAsync(CoSellTables.History);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (TableEntity entry in history.QueryAsync<TableEntity>($"Kind eq '{nameof(HistoryKind.Reevaluated)}'", 1000, ["PartitionKey"]))
        {
            counts[entry.PartitionKey] = counts.GetValueOrDefault(entry.PartitionKey) + 1;
        }

        return counts;
    }

    static async Task<HttpResponseMessage> AdminSendAsync(HttpClient http, HttpMethod method)
    {
        using var request = new HttpRequestMessage(method, $"/api/admin/reevaluations/{Month}");
        request.Headers.Add("X-Admin-Key", ProductClient.AdminKey);
        return await http.SendAsync(request);
    }

    async Task<JsonElement> WaitForAsync(HttpClient http, ChildHost child, Func<(string? RuntimeStatus, JsonElement? Progress), bool> until, string what)
    {
        using var deadline = new CancellationTokenSource(Bound);
        JsonElement last = default;
        while (true)
        {
            using (HttpResponseMessage response = await AdminSendAsync(http, HttpMethod.Get))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>();
                    JsonElement? progress = last.TryGetProperty("customStatus", out JsonElement custom) && custom.ValueKind == JsonValueKind.Object ? custom : null;
                    if (until((last.GetProperty("runtimeStatus").GetString(), progress)))
                    {
                        return last;
                    }
                }
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine(child.Tail());
                throw new TimeoutException($"Not {what} within {Bound}; last seen {last}.");
            }
        }
    }

    sealed record Expected(int Granted, int Withdrawn, IReadOnlyList<string> Partners, IReadOnlyList<string> Changed, int MailedBeforeKill);
}
