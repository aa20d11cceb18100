using Grpc.Net.Client;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Worker.Hosting;

namespace CoSell.LocalHost.Engine;

/// <summary>
/// Start: creates the task hub (queues, tables, containers) before the sidecar starts its dispatchers, which
/// only call <c>StartAsync</c>. Stop: stops the worker before the other hosted services, so its open
/// work-item stream closes and Kestrel does not wait the whole shutdown timeout for it.
/// </summary>
internal sealed class LocalEngineLifecycle(
    AzureStorageOrchestrationService service,
    Microsoft.Extensions.Options.IOptions<LocalEngineOptions> options,
    IServiceProvider services,
    LocalEngineChannels channels,
    ILogger<LocalEngineLifecycle> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        logger.LogInformation("Durable task hub {TaskHub} is ready", options.Value.TaskHubName);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        foreach (DurableTaskWorker worker in services.GetServices<IHostedService>().OfType<DurableTaskWorker>())
        {
            await worker.StopAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        foreach (GrpcChannel channel in new[] { channels.Worker, channels.Client })
        {
            await channel.ShutdownAsync().WaitAsync(cancellationToken);
            channel.Dispose();
        }
    }
}
