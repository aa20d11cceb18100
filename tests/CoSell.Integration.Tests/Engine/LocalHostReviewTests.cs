using System.Net;
using System.Net.Sockets;
using CoSell.Domain;
using CoSell.LocalHost;
using CoSell.LocalHost.Engine;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Engine;

/// <summary>
/// The real review orchestration, activities and table adapters composed by the local host, on the Azurite engine,
/// with mail landing in the local mailbox. Collateral blobs are not part of this branch, so the collateral store is a
/// stand-in that finds every document valid.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LocalHostReviewTests : IAsyncLifetime
{
    readonly string prefix = TestStorage.UniqueTaskHub("Rev")[..12];
    WebApplication app = null!;

    public async Task InitializeAsync()
    {
        int port = FreePort();
        string site = $"http://127.0.0.1:{port}";
        app = LocalHostApp.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = site,
                [LocalEngineOptions.TaskHubNameSetting] = prefix + "Hub",
                [LocalEngineOptions.ConnectionStringSetting] = TestStorage.ConnectionString,
                ["CoSellStorage:TablePrefix"] = prefix,
                ["CoSell:ReevaluationSchedulerEnabled"] = "false",
                ["Approval:SigningKey"] = "test-signing-key-test-signing-key-0123456789",
                ["SendGrid:Host"] = site,
                ["Review:PublicBaseUrl"] = site,
                ["Review:Reviewers:0"] = "reviewer@cosell.localhost",
            });
        },
        services =>
        {
            services.RemoveAll<ICollateralStore>();
            services.AddSingleton<ICollateralStore, AcceptingCollateralStore>();
        });
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Review_ApprovedOnTheLocalEngine_RecordsIncentivizedAndMailsEveryone()
    {
        Submission submission = await SeedAsync();
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        MailboxStore mailbox = app.Services.GetRequiredService<MailboxStore>();
        string id = WorkflowNames.ReviewInstanceId("contoso", submission.Offer.OfferId, submission.DraftVersion);
        ReviewRequest request = new(submission, "partner@contoso.example", DateTimeOffset.UtcNow)
        {
            Policy = new ReviewPolicy { Reviewers = ["reviewer@cosell.localhost"] },
        };

        await client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.CoSellReview, request, new StartOrchestrationOptions(id));
        OrchestrationMetadata waiting = await WaitAsync(client, id, m => m.ReadCustomStatusAs<ReviewProgress>()?.Stage == ReviewProgress.AwaitingReview);
        CapturedMail reviewerMail = Assert.Single(mailbox.List());
        await client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve("reviewer@cosell.localhost", DateTimeOffset.UtcNow, "Looks good"));
        OrchestrationMetadata done = await WaitAsync(client, id, m => m.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed);
        OfferRecord? stored = await app.Services.GetRequiredService<IOfferStore>().GetAsync("contoso", submission.Offer.OfferId);

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(["reviewer@cosell.localhost"], reviewerMail.To);
        Assert.Contains("/review/", reviewerMail.Text, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(CoSellStatus.CoSellIncentivized, done.ReadOutputAs<CoSellOutcome>()?.Status);
        Assert.Equal(CoSellStatus.CoSellIncentivized, stored?.Current?.Status);
        Assert.Contains(mailbox.List(), m => m.To.Contains("partner@contoso.example"));
    }

    async Task<Submission> SeedAsync()
    {
        string offerId = "crm";
        Offer offer = new("contoso", offerId, "Contoso CRM", SolutionType.IpSolution, OfferKind.SaaS, IsTransactable: true,
            EligibleCountries: ["US", "GB"], CspConfigured: true, MeetsPublishingRequirements: true, BusinessProfileComplete: true,
            BuiltOnAzure: true, RepeatableIpShare: 0.8m);
        CoSellMaterials materials = new(
            [new CollateralDocument(DocumentType.OnePager, "one-pager.pdf", "contoso/crm/one-pager/one-pager.pdf", 1024)],
            "https://contoso.example/crm",
            "https://contoso.example/case-study",
            [new SalesContact("Ana Silva", "ana@contoso.example", "Partner lead", "Sales", ["US", "GB"])]);
        OfferRecord created = await app.Services.GetRequiredService<IOfferStore>().CreateAsync(
            new OfferRecord(offer, materials, 1, DateTimeOffset.UtcNow, null, null));
        await app.Services.GetRequiredService<IRevenueStore>().ImportAsync(
            "2026-11", [new OrganisationProfile("contoso", "2026-11", 100_000.00m, [], IsvConnectPremiumActive: false, GoldCompetencyActive: false)]);
        return created.ToSubmission();
    }

    static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id, Func<OrchestrationMetadata, bool> until)
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(90));
        while (true)
        {
            OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, CancellationToken.None);
            if (state is not null && until(state))
            {
                return state;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    sealed class AcceptingCollateralStore : ICollateralStore
    {
        public Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Uploads are not part of this test.");

        public Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default)
            => Task.FromResult(new CollateralFinding(document.Type, document.FileName, true, "Valid (test stand-in)."));

        public Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);
    }
}
