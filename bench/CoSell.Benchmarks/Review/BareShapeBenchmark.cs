using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CoSell.Benchmarks.Infrastructure;
using CoSell.LocalHost.Engine;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CoSell.Benchmarks.Review;

/// <summary>
/// The reference: the review's shape with no business work (3 activities fanned out → external event → 1 activity)
/// on the same engine (sidecar + Azure Storage provider on Azurite), with the provider's DEFAULT settings.
/// Started and decided through the DurableTaskClient; timings come from the activities themselves (in process), so
/// measuring adds no storage requests: "ready" = third check ran (the event is raised then; the engine buffers it
/// until the orchestrator waits), "done" = the record activity ran.
/// </summary>
public sealed class BareShapeBenchmark
{
    readonly StorageEndpoints storage;
    readonly int count;
    readonly bool countRequests;

    public BareShapeBenchmark(StorageEndpoints storage, int count, bool countRequests = true)
    {
        this.storage = storage;
        this.count = count;
        this.countRequests = countRequests;
    }

    /// <summary>The provider's defaults, as the LocalEngine settings that carry them.</summary>
    public static Dictionary<string, string?> ProviderDefaults()
    {
        AzureStorageOrchestrationServiceSettings defaults = new();
        return new(StringComparer.OrdinalIgnoreCase)
        {
            ["LocalEngine:PartitionCount"] = defaults.PartitionCount.ToString(CultureInfo.InvariantCulture),
            ["LocalEngine:MaxQueuePollingInterval"] = defaults.MaxQueuePollingInterval.ToString("c", CultureInfo.InvariantCulture),
            ["LocalEngine:WorkItemQueueVisibilityTimeout"] = defaults.WorkItemQueueVisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["LocalEngine:ControlQueueBatchSize"] = defaults.ControlQueueBatchSize.ToString(CultureInfo.InvariantCulture),
            ["LocalEngine:ExtendedSessionsEnabled"] = defaults.ExtendedSessionsEnabled.ToString(CultureInfo.InvariantCulture),
            ["LocalEngine:MaxConcurrentActivities"] = defaults.MaxConcurrentTaskActivityWorkItems.ToString(CultureInfo.InvariantCulture),
            ["LocalEngine:MaxConcurrentOrchestrations"] = defaults.MaxConcurrentTaskOrchestrationWorkItems.ToString(CultureInfo.InvariantCulture),
        };
    }

    public async Task<ReviewRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        string prefix = BenchHost.UniquePrefix("Bs");
        await using CountingStorageProxy? proxy = countRequests ? await CountingStorageProxy.StartAsync(storage, cancellationToken) : null;
        proxy?.Rename(prefix + "hub", "{hub}");
        ShapeSignals signals = new(count);
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        Dictionary<string, string?> config = ProviderDefaults();
        config["urls"] = $"http://127.0.0.1:{BenchHost.FreePort()}";
        config[LocalEngineOptions.TaskHubNameSetting] = prefix + "Hub";
        config[LocalEngineOptions.ConnectionStringSetting] = (proxy?.Front ?? storage).ConnectionString;
        builder.Configuration.AddInMemoryCollection(config);
        builder.AddLocalDurableEngine(registry => BareShapeOrchestrator.Register(registry, signals));
        WebApplication app = builder.Build();
        app.MapLocalDurableEngine();
        await app.StartAsync(cancellationToken);
        try
        {
            DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
            double idlePerSecond = await ReviewBenchmark.IdleRateAsync(proxy, cancellationToken);
            await using ProcessMeter meter = new();
            TimeSpan cpuBefore = ProcessMeter.CpuTime();
            IReadOnlyDictionary<string, long> before = proxy?.Snapshot() ?? new Dictionary<string, long>();
            Stopwatch clock = Stopwatch.StartNew();
            signals.Start(clock, (id, ct) => client.RaiseEventAsync(id, BareShapeOrchestrator.Decided, new BareDecision(true, "reviewer"), ct));

            using SemaphoreSlim gate = new(32);
            await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
            {
                string id = $"shape-{i:D5}";
                await gate.WaitAsync(cancellationToken);
                try
                {
                    signals.StartedAt[id] = clock.Elapsed;
                    await client.ScheduleNewOrchestrationInstanceAsync(BareShapeOrchestrator.Name, id, new StartOrchestrationOptions(id), cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));

            using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromMinutes(15));
            await signals.AllDone.Task.WaitAsync(deadline.Token);
            double seconds = clock.Elapsed.TotalSeconds;
            if (proxy is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            else
            {
                await proxy.WaitUntilQuietAsync(idlePerSecond, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), cancellationToken);
            }

            IReadOnlyDictionary<string, long> after = proxy?.Snapshot() ?? new Dictionary<string, long>();
            double cpu = (ProcessMeter.CpuTime() - cpuBefore).TotalSeconds;

            int completed = 0;
            List<string> problems = [.. signals.Problems];
            for (int i = 1; i <= count; i++)
            {
                string id = $"shape-{i:D5}";
                OrchestrationMetadata? state = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                if (state is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && state.ReadOutputAs<string>()?.EndsWith("reviewer:True", StringComparison.Ordinal) == true)
                {
                    completed++;
                }
                else
                {
                    problems.Add($"{id}: {state?.RuntimeStatus.ToString() ?? "missing"}");
                }
            }

            if (proxy is { Forbidden: > 0 })
            {
                problems.Add($"{proxy.Forbidden} storage requests refused as badly signed behind the counting proxy");
            }

            StorageRequests? requests = proxy is null ? null : StorageRequests.Between(before, after, idlePerSecond);
            double? perReview = requests is null ? null : Math.Max(0, requests.Total - (idlePerSecond * clock.Elapsed.TotalSeconds)) / count;
            return new ReviewRunResult("bare-shape", count, seconds, count / seconds,
                LatencySummary.Of(signals.ReadyLatency.Values), LatencySummary.Of(signals.DoneLatency.Values),
                meter.PeakRssMb, cpu, requests, perReview, completed, completed, problems);
        }
        finally
        {
            await BenchHost.StopAsync(app);
        }
    }
}

/// <summary>Timestamps the bare shape's activities report, and the event raise they trigger.</summary>
public sealed class ShapeSignals(int expected)
{
    Stopwatch clock = Stopwatch.StartNew();
    Func<string, CancellationToken, Task>? raise;

    public ConcurrentDictionary<string, TimeSpan> StartedAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Checks { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TimeSpan> DecidedAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TimeSpan> ReadyLatency { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TimeSpan> DoneLatency { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<string> Problems { get; } = [];

    public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start(Stopwatch runClock, Func<string, CancellationToken, Task> raiseDecision)
    {
        clock = runClock;
        raise = raiseDecision;
    }

    /// <summary>Called by each check; the third one of an instance raises its decision (off the activity's thread).</summary>
    public void Checked(string instanceId)
    {
        if (Checks.AddOrUpdate(instanceId, 1, (_, n) => n + 1) != 3)
        {
            return;
        }

        TimeSpan now = clock.Elapsed;
        if (StartedAt.TryGetValue(instanceId, out TimeSpan started))
        {
            ReadyLatency.TryAdd(instanceId, now - started);
        }

        DecidedAt[instanceId] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await raise!(instanceId, CancellationToken.None);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Grpc.Core.RpcException)
            {
                Problems.Add($"{instanceId}: raise failed: {ex.Message}");
            }
        });
    }

    public void Recorded(string instanceId)
    {
        if (DecidedAt.TryGetValue(instanceId, out TimeSpan decided) && DoneLatency.TryAdd(instanceId, clock.Elapsed - decided) && DoneLatency.Count == expected)
        {
            AllDone.TrySetResult();
        }
    }
}

/// <summary>Three checks fanned out, a wait for the decision, one recording step; no business work.</summary>
public sealed class BareShapeOrchestrator : TaskOrchestrator<string, string>
{
    public const string Name = nameof(BareShapeOrchestrator);
    public const string Check = "BareCheck";
    public const string Record = "BareRecord";
    public const string Decided = "BareDecided";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string[] checks = await Task.WhenAll(
            context.CallActivityAsync<string>(Check, $"{input}/collateral"),
            context.CallActivityAsync<string>(Check, $"{input}/contacts"),
            context.CallActivityAsync<string>(Check, $"{input}/thresholds"));
        BareDecision decision = await context.WaitForExternalEvent<BareDecision>(Decided);
        return await context.CallActivityAsync<string>(Record, $"{string.Join(",", checks)}|{decision.Reviewer}:{decision.Approved}");
    }

    public static void Register(DurableTaskRegistry registry, ShapeSignals signals) => registry
        .AddOrchestrator<BareShapeOrchestrator>()
        .AddActivityFunc<string, string>(Check, (context, item) =>
        {
            signals.Checked(context.InstanceId);
            return $"{item.Split('/')[^1]}:ok";
        })
        .AddActivityFunc<string, string>(Record, (context, summary) =>
        {
            signals.Recorded(context.InstanceId);
            return $"recorded {summary}";
        });
}

/// <summary>The bare shape's event payload.</summary>
public sealed record BareDecision(bool Approved, string Reviewer);
