using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

/// <summary>Operator routes on durable instances (<see cref="RouteAuth.Admin"/> → the host's admin/master key).</summary>
public sealed class InstanceFunctions(InstanceHandlers handlers, InvocationDurableClient durable)
{
    private const string Instance = "api/admin/instances/{instanceId}";

    [Function(nameof(ApiRoutes.GetInstance))]
    public Task<IResult> GetInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Instance)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client).GetInstanceAsync(req, instanceId, ct);

    [Function(nameof(ApiRoutes.TerminateInstance))]
    public Task<IResult> TerminateInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Instance + "/terminate")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client).TerminateInstanceAsync(req, instanceId, ct);

    [Function(nameof(ApiRoutes.PurgeInstance))]
    public Task<IResult> PurgeInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = Instance)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client).PurgeInstanceAsync(req, instanceId, ct);

    private InstanceHandlers With(DurableTaskClient client)
    {
        durable.Attach(client);
        return handlers;
    }
}
