using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Fakes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Workflow.Tests.Orchestration;

/// <summary>The real Durable Task engine in memory, with the product's registrations (CoSellTasks, AddCoSellWorkflow) over fake ports.</summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://cosell.example.com";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private WorkflowHost()
    {
    }

    public DurableTaskTestHost Host { get; private set; } = null!;

    public DurableTaskClient Client => Host.Client;

    public InMemoryOfferStore Offers { get; } = new();

    public InMemoryHistoryStore History { get; } = new();

    public InMemoryReviewTokenStore Tokens { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public FakeCollateralStore Collateral { get; } = new();

    public InMemoryRevenueStore Revenue { get; } = new();

    public FakeReviewLinkSigner Signer { get; } = new();

    /// <summary>Every payload the worker serialized (activity inputs and outputs, orchestration output, custom status).</summary>
    public RecordingDataConverter Payloads { get; } = new();

    public static async Task<WorkflowHost> StartAsync()
    {
        var self = new WorkflowHost();
        self.Host = await InMemoryEngine.StartAsync(
            CoSellTasks.Register,
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    IConfiguration config = new ConfigurationBuilder()
                        .AddInMemoryCollection(new Dictionary<string, string?>
                        {
                            ["Review:Reviewers:0"] = Reviews.Reviewer,
                            ["Review:PublicBaseUrl"] = PublicBaseUrl,
                        })
                        .Build();
                    services.AddLogging();
                    services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = self.Payloads);
                    services.AddCoSellWorkflow(config);
                    services.AddSingleton<IOfferStore>(self.Offers);
                    services.AddSingleton<IHistoryStore>(self.History);
                    services.AddSingleton<IReviewTokenStore>(self.Tokens);
                    services.AddSingleton<INotifier>(self.Notifier);
                    services.AddSingleton<ICollateralStore>(self.Collateral);
                    services.AddSingleton<IRevenueStore>(self.Revenue);
                    services.AddSingleton<IReviewLinkSigner>(self.Signer);
                },
            });
        return self;
    }

    public Task<string> StartReviewAsync(ReviewRequest request)
        => Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.CoSellReview,
            request,
            new StartOrchestrationOptions(WorkflowNames.ReviewInstanceId(request.Submission.Offer.PartnerId, request.Submission.Offer.OfferId, request.Submission.DraftVersion)));

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var cts = new CancellationTokenSource(WaitLimit);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls the custom status until the orchestration publishes <paramref name="stage"/>.</summary>
    public async Task<ReviewProgress> WaitForStageAsync(string instanceId, string stage)
    {
        using var cts = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            OrchestrationMetadata? metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token);
            ReviewProgress? progress = metadata?.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<ReviewProgress>();
            if (progress?.Stage == stage)
            {
                return progress;
            }

            if (metadata?.IsCompleted == true)
            {
                throw new InvalidOperationException($"Orchestration {instanceId} ended ({metadata.RuntimeStatus}) before stage {stage}: {metadata.FailureDetails}");
            }

            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Polls a condition on the fakes (bounded by the same limit as the other waits).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(WaitLimit);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
