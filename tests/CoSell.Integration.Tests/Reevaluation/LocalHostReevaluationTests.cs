using System.Net;
using CoSell.Domain;
using CoSell.Integration.Tests.Engine;
using CoSell.Integration.Tests.Tables;
using CoSell.LocalHost.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using LocalHostUnderTest = CoSell.Integration.Tests.Infrastructure.LocalHostUnderTest;

namespace CoSell.Integration.Tests.Reevaluation;

/// <summary>
/// The monthly re-evaluation as the local host runs it: started with the bare month (as the scheduler does) on the
/// Azure Storage engine, pages of two organisations (so it continues as new), real tables, mail in the local mailbox.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LocalHostReevaluationTests : IAsyncLifetime
{
    const string Month = "2026-11";
    const string Admin = "admin@cosell.localhost";

    readonly string prefix = TestStorage.UniqueTaskHub("Rv")[..12];
    LocalHostUnderTest host = null!;
    WebApplication app = null!;

    public async Task InitializeAsync()
    {
        Dictionary<string, string?> settings = LocalHostUnderTest.WholeProductOnOneSite(prefix);
        settings["Reevaluation:Admins:0"] = Admin;
        settings["Reevaluation:BatchSize"] = "1";
        settings["Reevaluation:MaxParallelBatches"] = "2";
        settings["Reevaluation:PageSize"] = "2";
        host = await LocalHostUnderTest.StartAsync("Rv", settings);
        app = host.App;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Reevaluation_BareMonthOnTheLocalEngine_PagesThroughEveryOfferAndMailsOnce()
    {
        IOfferStore offers = app.Services.GetRequiredService<IOfferStore>();
        foreach (string offerId in new[] { "o-1", "o-2", "o-3" })
        {
            await offers.CreateAsync(OfferRecords.Draft("grantee", offerId).WithStatus(CoSellStatus.CoSellReady));
        }

        await offers.CreateAsync(OfferRecords.Draft("loser", "o-1").WithStatus(CoSellStatus.CoSellIncentivized));
        await offers.CreateAsync(OfferRecords.Draft("unknown", "o-1").WithStatus(CoSellStatus.CoSellReady));
        await app.Services.GetRequiredService<IRevenueStore>().ImportAsync(Month,
        [
            new OrganisationProfile("grantee", Month, 150_000m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false),
            new OrganisationProfile("loser", Month, 5_000m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false),
        ]);
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        string id = WorkflowNames.ReevaluationInstanceId(Month);

        bool started = await DurableStarter.StartOnceAsync(client, WorkflowNames.MonthlyReevaluation, Month, id);
        OrchestrationMetadata done = await WaitAsync(client, id);

        Assert.True(started);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Re-evaluation ended {done.RuntimeStatus}: {done.FailureDetails}");
        ReevaluationSummary summary = done.ReadOutputAs<ReevaluationSummary>()!;
        Assert.Equal(
            (Pages: 2, Evaluated: 5, Granted: 3, Withdrawn: 1, MissingRevenue: 1, PartnersNotified: 2),
            (summary.Pages, summary.Evaluated, summary.Granted, summary.Withdrawn, summary.MissingRevenue, summary.PartnersNotified));
        Assert.Equal(CoSellStatus.CoSellIncentivized, (await offers.GetAsync("grantee", "o-3"))!.Current!.Status);
        Assert.Equal(CoSellStatus.CoSellReady, (await offers.GetAsync("loser", "o-1"))!.Current!.Status);
        IReadOnlyList<CapturedMail> mails = app.Services.GetRequiredService<MailboxStore>().List();
        Assert.Equal(3, mails.Count);
        CapturedMail adminMail = Assert.Single(mails, m => m.To.Contains(Admin));
        Assert.Contains("unknown/o-1 (MissingRevenue)", adminMail.Text, StringComparison.Ordinal);
        CapturedMail granteeMail = Assert.Single(mails, m => m.Subject.EndsWith(": 3 granted, 0 withdrawn", StringComparison.Ordinal));
        Assert.Contains("o-3", granteeMail.Text, StringComparison.Ordinal);
    }

    static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id)
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(120));
        while (true)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, CancellationToken.None);
            if (state is { RuntimeStatus: OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated })
            {
                return state;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
