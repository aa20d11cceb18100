using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CoSell.LocalHost.Engine;

/// <summary>Starts an orchestration under a business-key id unless an instance with that id already exists.</summary>
public static class DurableStarter
{
    /// <summary>
    /// Looks before it leaps: returns false, starting nothing, when <paramref name="instanceId"/> already exists
    /// (running or finished); otherwise schedules it and returns true.
    /// </summary>
    /// <remarks>
    /// The look matters: on this engine a plain second schedule with a running instance's id is accepted and
    /// restarts the instance with the new input. The leap also passes every status as a dedupe status, so a
    /// concurrent start that wins the race between the look and the leap is kept (the provider then ignores
    /// the second create, or the server answers AlreadyExists).
    /// </remarks>
    public static async Task<bool> StartOnceAsync(
        DurableTaskClient client,
        string orchestratorName,
        object? input,
        string instanceId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        OrchestrationMetadata? existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            return false;
        }

        try
        {
            StartOrchestrationOptions options = new StartOrchestrationOptions(instanceId)
                .WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
            await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
            return true;
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.AlreadyExists)
        {
            return false;
        }
    }
}
