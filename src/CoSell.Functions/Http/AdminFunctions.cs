using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

/// <summary>
/// Operator routes (<see cref="RouteAuth.Admin"/> → the host's admin/master key): the revenue feed, the monthly run,
/// and status, terminate and purge of durable instances.
/// </summary>
public sealed class AdminFunctions(AdminHandlers admin, InstanceHandlers instances, InvocationDurableClient durable)
{
    private const string Instance = "api/admin/instances/{instanceId}";

    [Function(nameof(ApiRoutes.UploadRevenue))]
    public Task<IResult> UploadRevenue(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "api/admin/revenue/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client, admin).UploadRevenueAsync(req, month, ct);

    [Function(nameof(ApiRoutes.StartReevaluation))]
    public Task<IResult> StartReevaluation(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "api/admin/reevaluations/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client, admin).StartReevaluationAsync(req, month, ct);

    [Function(nameof(ApiRoutes.GetReevaluation))]
    public Task<IResult> GetReevaluation(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/reevaluations/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client, admin).GetReevaluationAsync(req, month, ct);

    [Function(nameof(ApiRoutes.GetInstance))]
    public Task<IResult> GetInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = Instance)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client, instances).GetInstanceAsync(req, instanceId, ct);

    [Function(nameof(ApiRoutes.TerminateInstance))]
    public Task<IResult> TerminateInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = Instance + "/terminate")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client, instances).TerminateInstanceAsync(req, instanceId, ct);

    [Function(nameof(ApiRoutes.PurgeInstance))]
    public Task<IResult> PurgeInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = Instance)] HttpRequest req,
        [DurableClient] DurableTaskClient client, string instanceId, CancellationToken ct)
        => With(client, instances).PurgeInstanceAsync(req, instanceId, ct);

    private T With<T>(DurableTaskClient client, T handlers)
    {
        durable.Attach(client);
        return handlers;
    }
}
