using System.Diagnostics;
using System.Collections.Concurrent;
using CoSell.LocalHost.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace CoSell.Integration.Tests.Engine;

[Trait("Category", "Integration")]
public sealed class LocalDurableEngineTests(ITestOutputHelper output)
{
    readonly ConcurrentDictionary<string, int> checkCalls = new();

    [Fact]
    public async Task Engine_ReviewShapedOrchestration_WaitsForEventThenCompletes()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "cosell-contoso.crm-1";

        Stopwatch watch = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "crm", new StartOrchestrationOptions(id));
        OrchestrationMetadata waiting = await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");
        TimeSpan toWaiting = watch.Elapsed;
        watch.Restart();
        await host.Client.RaiseEventAsync(id, ReviewShapedOrchestrator.Decided, new ShapeDecision(true, "r@contoso.com"));
        OrchestrationMetadata done = await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        output.WriteLine($"start to AwaitingReview: {toWaiting.TotalMilliseconds:F0} ms; event to Completed: {watch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal("recorded collateral:ok,contacts:ok,thresholds:ok|r@contoso.com:True", done.ReadOutputAs<string>());
        Assert.Equal("Recording", done.ReadCustomStatusAs<ShapeProgress>()?.Stage);
        Assert.Equal(3, checkCalls[id]);
    }

    [Fact]
    public async Task Engine_CustomStatus_IsVisibleOnlyWithInputsAndOutputs()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "cosell-contoso.status-1";

        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "status", new StartOrchestrationOptions(id));
        OrchestrationMetadata full = await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");
        OrchestrationMetadata? bare = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: false);

        Assert.Equal("\"status\"", full.SerializedInput);
        Assert.NotNull(bare);
        Assert.Null(bare.SerializedCustomStatus);
    }

    [Fact]
    public async Task StartOnce_SameInstanceIdTwice_StartsOneInstance()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "reeval-2026-11";

        bool first = await DurableStarter.StartOnceAsync(host.Client, nameof(ReviewShapedOrchestrator), "first", id);
        OrchestrationMetadata before = await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");
        bool second = await DurableStarter.StartOnceAsync(host.Client, nameof(ReviewShapedOrchestrator), "second", id);
        await host.Client.RaiseEventAsync(id, ReviewShapedOrchestrator.Decided, new ShapeDecision(false, "r@contoso.com"));
        OrchestrationMetadata after = await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("\"first\"", after.SerializedInput);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(3, checkCalls[id]);
    }

    [Fact]
    public async Task StartOnce_AfterCompletion_DoesNotStartAgain()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "reeval-2026-10";
        await DurableStarter.StartOnceAsync(host.Client, nameof(ReviewShapedOrchestrator), "october", id);
        await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");
        await host.Client.RaiseEventAsync(id, ReviewShapedOrchestrator.Decided, new ShapeDecision(true, "r@contoso.com"));
        await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        bool again = await DurableStarter.StartOnceAsync(host.Client, nameof(ReviewShapedOrchestrator), "october", id);
        OrchestrationMetadata? state = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.False(again);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state?.RuntimeStatus);
        Assert.Equal(3, checkCalls[id]);
    }

    [Fact]
    public async Task Engine_ScheduleWithDedupeStatuses_KeepsTheRunningInstance()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "cosell-contoso.race-1";
        StartOrchestrationOptions options = new StartOrchestrationOptions(id)
            .WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "first", options);
        await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");

        Exception? raced = await Record.ExceptionAsync(() => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "second", options));
        await host.Client.RaiseEventAsync(id, ReviewShapedOrchestrator.Decided, new ShapeDecision(true, "r@contoso.com"));
        OrchestrationMetadata done = await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.True(raced is null or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.AlreadyExists }, raced?.ToString());
        Assert.Equal("\"first\"", done.SerializedInput);
        Assert.Equal(3, checkCalls[id]);
    }

    [Fact]
    public async Task Engine_ScheduleWithDedupeStatuses_AfterCompletion_KeepsTheFinishedInstanceAndRunsNothingAgain()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "cosell-contoso.done-1";
        StartOrchestrationOptions options = new StartOrchestrationOptions(id)
            .WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "first", options);
        await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");
        await host.Client.RaiseEventAsync(id, ReviewShapedOrchestrator.Decided, new ShapeDecision(true, "r@contoso.com"));
        OrchestrationMetadata done = await host.WaitForAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Exception? again = await Record.ExceptionAsync(() => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "second", options));
        await Task.Delay(TimeSpan.FromSeconds(2));
        OrchestrationMetadata? after = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.True(again is null or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.AlreadyExists }, again?.ToString());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after?.RuntimeStatus);
        Assert.Equal("\"first\"", after?.SerializedInput);
        Assert.Equal(done.CreatedAt, after?.CreatedAt);
        Assert.Equal(3, checkCalls[id]);
    }

    [Fact]
    public async Task Host_StoppedWhileOrchestrationWaits_StopsWithinBound()
    {
        LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));
        string id = "cosell-contoso.stop-1";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewShapedOrchestrator), "stop", new StartOrchestrationOptions(id));
        await host.WaitForAsync(id, m => m.ReadCustomStatusAs<ShapeProgress>()?.Stage == "AwaitingReview");

        TimeSpan? stoppedAfter = await host.StopAsync(TimeSpan.FromSeconds(30));
        await host.DisposeAsync();

        output.WriteLine($"stopped after {stoppedAfter?.TotalMilliseconds:F0} ms");
        Assert.NotNull(stoppedAfter);
    }

    [Fact]
    public async Task Host_StoppedBeforeTheWorkerAttaches_StopsWithoutCrashingTheProcess()
    {
        LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => ReviewShapedOrchestrator.Register(r, checkCalls));

        TimeSpan? stoppedAfter = await host.StopAsync(TimeSpan.FromSeconds(30));
        await host.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.NotNull(stoppedAfter);
    }
}
