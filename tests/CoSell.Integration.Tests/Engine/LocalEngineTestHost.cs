using System.Diagnostics;
using CoSell.LocalHost.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoSell.Integration.Tests.Engine;

/// <summary>
/// A web host running the local Durable engine on Azurite with the given tasks, under a task hub of its own.
/// Reusable by any test that needs the real engine: pass the tasks, and optionally more services or endpoints.
/// </summary>
internal sealed class LocalEngineTestHost : IAsyncDisposable
{
    readonly WebApplication app;

    LocalEngineTestHost(WebApplication app, string taskHubName)
    {
        this.app = app;
        TaskHubName = taskHubName;
        Client = app.Services.GetRequiredService<DurableTaskClient>();
        SiteAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(a => !a.EndsWith($":{app.Services.GetRequiredService<LocalEngineEndpoint>().Port}", StringComparison.Ordinal)));
    }

    public DurableTaskClient Client { get; }

    public string TaskHubName { get; }

    /// <summary>The HTTP/1.1 site endpoint (an ephemeral loopback port).</summary>
    public Uri SiteAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<LocalEngineTestHost> StartAsync(
        Action<DurableTaskRegistry> registerTasks,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null,
        CancellationToken cancellationToken = default)
    {
        string taskHub = TestStorage.UniqueTaskHub();
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            [LocalEngineOptions.TaskHubNameSetting] = taskHub,
            [LocalEngineOptions.ConnectionStringSetting] = TestStorage.ConnectionString,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        builder.AddLocalDurableEngine(registerTasks);
        WebApplication app = builder.Build();
        app.MapLocalDurableEngine();
        map?.Invoke(app);
        await app.StartAsync(cancellationToken);
        return new LocalEngineTestHost(app, taskHub);
    }

    /// <summary>Polls the instance (with inputs, outputs and custom status) until <paramref name="until"/> holds.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> until, TimeSpan? timeout = null)
    {
        using CancellationTokenSource cts = new(timeout ?? TimeSpan.FromSeconds(60));
        OrchestrationMetadata? last = null;
        while (!cts.IsCancellationRequested)
        {
            last = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
            if (last is not null && until(last))
            {
                return last;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"Instance {instanceId} did not reach the expected state; last seen: {last?.RuntimeStatus} {last?.SerializedCustomStatus}");
    }

    /// <summary>Stops the host; returns how long it took, or null if it did not stop within <paramref name="bound"/>.</summary>
    public async Task<TimeSpan?> StopAsync(TimeSpan bound)
    {
        Stopwatch watch = Stopwatch.StartNew();
        using CancellationTokenSource cts = new(bound);
        Task stop = app.StopAsync(cts.Token);
        Task winner = await Task.WhenAny(stop, Task.Delay(bound + TimeSpan.FromSeconds(5), CancellationToken.None));
        return winner == stop && !cts.IsCancellationRequested ? watch.Elapsed : null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        await app.DisposeAsync();
    }
}
