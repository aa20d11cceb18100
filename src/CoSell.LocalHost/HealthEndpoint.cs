using CoSell.LocalHost.Engine;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CoSell.LocalHost;

/// <summary><c>GET /healthz</c>: 200 when a status query travels the whole engine path (client → gRPC → task hub on storage), else 503.</summary>
internal static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet(Path, async (DurableTaskClient client, IOptions<LocalEngineOptions> engine, CancellationToken cancellationToken) =>
        {
            using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await client.GetInstanceAsync("healthz-probe", getInputsAndOutputs: false, timeout.Token);
                return Results.Json(new { status = "ok", taskHub = engine.Value.TaskHubName });
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Results.Json(new { status = "unavailable", taskHub = engine.Value.TaskHubName, error = e.GetType().Name }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
