using System.Globalization;
using CoSell.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CoSell.Functions.Timers;

/// <summary>
/// Starts the month's re-evaluation of ACR TTM (six-field CRON from setting <c>CoSell:ReevaluationSchedule</c>, default
/// <c>0 0 3 1 * *</c>: 03:00 UTC on the 1st). The month is the firing time's UTC month, the same rule as the local host's
/// scheduler. The instance id is the business key <c>reeval-YYYY-MM</c>: a re-fired or late timer finds this month's run.
/// </summary>
public sealed class MonthlyReevaluationTimer(TimeProvider clock, ILogger<MonthlyReevaluationTimer> logger)
{
    public const string Name = "MonthlyReevaluationTimer";

    [Function(Name)]
    public async Task Run(
        [TimerTrigger("%CoSell:ReevaluationSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken ct)
    {
        string month = clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string instanceId = WorkflowNames.ReevaluationInstanceId(month);

        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, ct);
        if (existing is not null)
        {
            logger.LogInformation("Re-evaluation {InstanceId} already exists ({Status}); not starting another", instanceId, existing.RuntimeStatus);
            return;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.MonthlyReevaluation, month, new StartOrchestrationOptions(instanceId), ct);
        logger.LogInformation("Started re-evaluation {InstanceId} (past due: {IsPastDue})", instanceId, timer.IsPastDue);
    }
}
