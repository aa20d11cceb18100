using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost.Engine;

/// <summary>
/// The local Durable engine: the Durable Task Framework's Azure Storage provider (the storage layout Durable
/// Functions uses) behind the gRPC sidecar API served by <see cref="TaskHubGrpcServer"/> on a loopback HTTP/2
/// endpoint, with the app's <see cref="DurableTaskWorker"/> and <see cref="DurableTaskClient"/> connected to it.
/// </summary>
public static class LocalDurableEngineExtensions
{
    /// <summary>
    /// Registers the engine, the worker (with the tasks <paramref name="registerTasks"/> adds) and the client.
    /// Kestrel then listens on the site URLs (setting <c>urls</c>, HTTP/1.1) and on a separate loopback HTTP/2
    /// endpoint for gRPC. Call <see cref="MapLocalDurableEngine"/> on the built app.
    /// </summary>
    public static WebApplicationBuilder AddLocalDurableEngine(this WebApplicationBuilder builder, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(registerTasks);
        LocalEngineOptions options = ReadOptions(builder.Configuration);
        int grpcPort = options.GrpcPort == 0 ? FreeLoopbackPort() : options.GrpcPort;
        LocalEngineEndpoint endpoint = new(grpcPort);
        string siteUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : LocalHostUrls.Default;

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Listening in code makes Kestrel ignore the "urls" setting (it logs "Overriding address(es)"), so the
            // site endpoints are bound here too.
            LocalHostUrls.Listen(kestrel, siteUrls);
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });

        IServiceCollection services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(endpoint);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        services.AddGrpc();
        services.AddSingleton(sp => new AzureStorageOrchestrationService(CreateSettings(options, sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<IOrchestrationService>(sp => new GuardedOrchestrationService(
            sp.GetRequiredService<AzureStorageOrchestrationService>(), sp.GetRequiredService<ILogger<GuardedOrchestrationService>>()));
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.Configure<TaskHubGrpcServerOptions>(server => server.Mode = TaskHubGrpcServerMode.ApiServerAndDispatcher);

        // The gRPC service must be a singleton: it holds the one open work-item stream and the pending tasks.
        services.AddSingleton<TaskHubGrpcServer>();

        // Two channels: the worker connects while Kestrel is still starting (hosted services start first), and a
        // channel whose connection failed answers calls with Unavailable until its reconnect backoff ends; the
        // client's channel must not inherit that. Short backoffs let the worker attach within a fraction of a second.
        GrpcChannelOptions channelOptions = new()
        {
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
        };
        GrpcChannel workerChannel = GrpcChannel.ForAddress(endpoint.Address, channelOptions);
        GrpcChannel clientChannel = GrpcChannel.ForAddress(endpoint.Address, channelOptions);
        services.AddSingleton(new LocalEngineChannels(workerChannel, clientChannel));
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(workerChannel);
            worker.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
        });
        services.AddDurableTaskClient(client => client.UseGrpc(clientChannel));

        // Creates the task hub before anything starts and stops the worker before Kestrel drains connections.
        services.AddHostedService<LocalEngineLifecycle>();
        return builder;
    }

    /// <summary>Maps the engine's gRPC service, reachable only through the loopback HTTP/2 endpoint.</summary>
    public static WebApplication MapLocalDurableEngine(this WebApplication app)
    {
        LocalEngineEndpoint endpoint = app.Services.GetRequiredService<LocalEngineEndpoint>();
        app.MapGrpcService<TaskHubGrpcServer>().RequireHost($"*:{endpoint.Port}");
        return app;
    }

    internal static LocalEngineOptions ReadOptions(IConfiguration configuration)
    {
        LocalEngineOptions options = new();
        configuration.GetSection(LocalEngineOptions.Section).Bind(options);
        options.TaskHubName = configuration[LocalEngineOptions.TaskHubNameSetting] is { Length: > 0 } hub ? hub : options.TaskHubName;
        options.ConnectionString = configuration[LocalEngineOptions.ConnectionStringSetting] is { Length: > 0 } cs ? cs : options.ConnectionString;
        if (!LocalEngineOptions.IsValidTaskHubName(options.TaskHubName))
        {
            throw new OptionsValidationException(LocalEngineOptions.TaskHubNameSetting, typeof(LocalEngineOptions),
                [$"TaskHubName '{options.TaskHubName}' is invalid: use 3 to 45 letters or digits, starting with a letter."]);
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            throw new OptionsValidationException(LocalEngineOptions.Section, typeof(LocalEngineOptions),
                ["LocalEngine:PartitionCount must be between 1 and 16."]);
        }

        return options;
    }

    static AzureStorageOrchestrationServiceSettings CreateSettings(LocalEngineOptions options, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = options.TaskHubName,
        StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
        PartitionCount = options.PartitionCount,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
        ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
        ControlQueueBatchSize = options.ControlQueueBatchSize,
        ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
        LoggerFactory = loggerFactory,
    };

    /// <summary>Asks the OS for a free loopback port. Another process could take it before Kestrel binds; the host then fails to start with a clear bind error.</summary>
    static int FreeLoopbackPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>The loopback HTTP/2 endpoint of the engine's gRPC API.</summary>
public sealed record LocalEngineEndpoint(int Port)
{
    public Uri Address => new($"http://127.0.0.1:{Port}");
}

/// <summary>The worker's and the client's channels; disposed when the host stops.</summary>
internal sealed record LocalEngineChannels(GrpcChannel Worker, GrpcChannel Client);
