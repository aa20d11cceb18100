using CoSell.LocalHost.Engine;
using CoSell.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost.Scheduling;

/// <summary>Starts a month's run; true when it started one, false when the run already existed.</summary>
public delegate Task<bool> ReevaluationStarter(string instanceId, string month, CancellationToken cancellationToken);

/// <summary>
/// The local stand-in for the Functions timer trigger: waits for each firing of
/// <c>CoSell:ReevaluationSchedule</c> (time from the injected <see cref="TimeProvider"/>) and starts
/// <see cref="WorkflowNames.MonthlyReevaluation"/> as <c>reeval-YYYY-MM</c>, looking before it leaps, so a
/// re-fire or a restart in the same month finds the run instead of starting a twin. The orchestration's input
/// is the month string.
/// </summary>
public sealed class MonthlyReevaluationScheduler(
    ReevaluationStarter starter,
    IOptions<ReevaluationScheduleOptions> options,
    TimeProvider time,
    ILogger<MonthlyReevaluationScheduler> logger) : BackgroundService
{
    /// <summary>Task.Delay cannot wait longer than about 49 days; long waits are taken in slices.</summary>
    static readonly TimeSpan MaxSlice = TimeSpan.FromDays(1);

    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    const int MaxAttempts = 5;

    /// <summary>The starter used in the host: the Durable client, start-once.</summary>
    public static ReevaluationStarter DurableStarterFor(DurableTaskClient client)
        => (instanceId, month, cancellationToken) => DurableStarter.StartOnceAsync(client, WorkflowNames.MonthlyReevaluation, month, instanceId, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReevaluationSchedulerEnabled)
        {
            logger.LogInformation("Monthly re-evaluation scheduler is switched off");
            return;
        }

        ReevaluationSchedule schedule = ReevaluationSchedule.Parse(options.Value.ReevaluationSchedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next = schedule.NextAfter(time.GetUtcNow());
            if (next is not { } firing)
            {
                logger.LogWarning("Schedule {Schedule} never fires again; the scheduler stops", schedule.Text);
                return;
            }

            logger.LogInformation("Next monthly re-evaluation at {Firing:O}", firing);
            await WaitUntilAsync(firing, stoppingToken);
            await FireAsync(firing, stoppingToken);
        }
    }

    async Task WaitUntilAsync(DateTimeOffset firing, CancellationToken cancellationToken)
    {
        for (TimeSpan left = firing - time.GetUtcNow(); left > TimeSpan.Zero; left = firing - time.GetUtcNow())
        {
            await Task.Delay(left < MaxSlice ? left : MaxSlice, time, cancellationToken);
        }
    }

    async Task FireAsync(DateTimeOffset firing, CancellationToken cancellationToken)
    {
        string month = ReevaluationSchedule.MonthOf(firing);
        string instanceId = WorkflowNames.ReevaluationInstanceId(month);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                bool started = await starter(instanceId, month, cancellationToken);
                logger.LogInformation("Monthly re-evaluation {InstanceId}: started={Started} (false: it already existed)", instanceId, started);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxAttempts)
            {
                logger.LogWarning(e, "Starting {InstanceId} failed (attempt {Attempt}); retrying", instanceId, attempt);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Starting {InstanceId} failed {Attempts} times; an operator can start it with POST /api/admin/reevaluations/{Month}", instanceId, attempt, month);
                return;
            }
        }
    }
}
