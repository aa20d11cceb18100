using System.Collections.Concurrent;
using CoSell.LocalHost.Scheduling;
using CoSell.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Engine;

public sealed class MonthlyReevaluationSchedulerTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string> Firings => new()
    {
        { ReevaluationScheduleDefaults.Cron, "2026-11-25T09:00:00Z", "2026-12-01T03:00:00Z" },
        { ReevaluationScheduleDefaults.Cron, "2026-12-01T02:59:59Z", "2026-12-01T03:00:00Z" },
        { ReevaluationScheduleDefaults.Cron, "2026-12-01T03:00:00Z", "2027-01-01T03:00:00Z" },
        { ReevaluationScheduleDefaults.Cron, "2026-12-31T23:59:59Z", "2027-01-01T03:00:00Z" },
        { ReevaluationScheduleDefaults.Cron, "2028-02-28T12:00:00Z", "2028-03-01T03:00:00Z" },
        { "*/30 * * * * *", "2026-11-25T09:00:10Z", "2026-11-25T09:00:30Z" },
        { "0 0 3 1 * *", "2026-11-30T21:00:00-05:00", "2026-12-01T03:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Firings))]
    public void NextAfter_Now_IsFirstFiringStrictlyLater(string cron, string now, string expected)
    {
        ReevaluationSchedule schedule = ReevaluationSchedule.Parse(cron);

        DateTimeOffset? next = schedule.NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("0 3 1 * *")]
    [InlineData("0 0 25 1 * *")]
    [InlineData("every month")]
    public void Parse_NotASixFieldCron_ThrowsFormatException(string cron)
    {
        Assert.Throws<FormatException>(() => ReevaluationSchedule.Parse(cron));
    }

    [Theory]
    [InlineData("2026-12-01T03:00:00Z", "2026-12")]
    [InlineData("2026-12-01T01:00:00+05:00", "2026-11")]
    public void MonthOf_Firing_IsUtcMonth(string firing, string month)
    {
        Assert.Equal(month, ReevaluationSchedule.MonthOf(DateTimeOffset.Parse(firing, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Scheduler_ClockReachesEachFiring_StartsThatMonthsRun()
    {
        FakeTime time = new(DateTimeOffset.Parse("2026-11-30T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        ConcurrentQueue<(string Id, string Month)> starts = new();
        SemaphoreSlim started = new(0);
        using MonthlyReevaluationScheduler scheduler = Scheduler(time, (id, month, _) =>
        {
            starts.Enqueue((id, month));
            started.Release();
            return Task.FromResult(true);
        });
        Task waiting = time.NextTimerCreated();

        await scheduler.StartAsync(CancellationToken.None);
        await waiting.WaitAsync(Bound);
        bool earlyStart = !starts.IsEmpty;
        waiting = time.NextTimerCreated();
        time.Advance(TimeSpan.FromHours(4));
        Assert.True(await started.WaitAsync(Bound));
        await waiting.WaitAsync(Bound);
        time.Advance(TimeSpan.FromDays(31));
        Assert.True(await started.WaitAsync(Bound));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.False(earlyStart);
        Assert.Equal([("reeval-2026-12", "2026-12"), ("reeval-2027-01", "2027-01")], starts.ToArray());
    }

    [Fact]
    public async Task Scheduler_StartFailsOnce_RetriesAndStarts()
    {
        FakeTime time = new(DateTimeOffset.Parse("2026-11-30T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        int calls = 0;
        SemaphoreSlim called = new(0);
        using MonthlyReevaluationScheduler scheduler = Scheduler(time, (_, _, _) =>
        {
            int n = Interlocked.Increment(ref calls);
            called.Release();
            return n == 1 ? throw new InvalidOperationException("storage unavailable") : Task.FromResult(true);
        });
        Task waiting = time.NextTimerCreated();
        await scheduler.StartAsync(CancellationToken.None);
        await waiting.WaitAsync(Bound);

        waiting = time.NextTimerCreated();
        time.Advance(TimeSpan.FromHours(4));
        Assert.True(await called.WaitAsync(Bound));
        await waiting.WaitAsync(Bound);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await called.WaitAsync(Bound));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task DurableStarter_OnTheLocalEngine_StartsTheMonthOnce()
    {
        await using LocalEngineTestHost host = await LocalEngineTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>(WorkflowNames.MonthlyReevaluation, (_, month) => $"re-evaluated {month}"));
        ReevaluationStarter starter = MonthlyReevaluationScheduler.DurableStarterFor(host.Client);

        bool first = await starter("reeval-2026-12", "2026-12", CancellationToken.None);
        OrchestrationMetadata done = await host.WaitForAsync("reeval-2026-12", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        bool refire = await starter("reeval-2026-12", "2026-12", CancellationToken.None);

        Assert.True(first);
        Assert.False(refire);
        Assert.Equal("re-evaluated 2026-12", done.ReadOutputAs<string>());
    }

    static MonthlyReevaluationScheduler Scheduler(FakeTime time, ReevaluationStarter starter)
        => new(starter, Options.Create(new ReevaluationScheduleOptions()), time, NullLogger<MonthlyReevaluationScheduler>.Instance);
}
