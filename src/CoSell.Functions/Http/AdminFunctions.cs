using CoSell.Functions.Durable;
using CoSell.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CoSell.Functions.Http;

/// <summary>Operator routes (<see cref="RouteAuth.Admin"/> → the host's admin/master key).</summary>
public sealed class AdminFunctions(AdminHandlers handlers, InvocationDurableClient durable)
{
    [Function(nameof(ApiRoutes.UploadRevenue))]
    public Task<IResult> UploadRevenue(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "api/admin/revenue/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client).UploadRevenueAsync(req, month, ct);

    [Function(nameof(ApiRoutes.StartReevaluation))]
    public Task<IResult> StartReevaluation(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "api/admin/reevaluations/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client).StartReevaluationAsync(req, month, ct);

    [Function(nameof(ApiRoutes.GetReevaluation))]
    public Task<IResult> GetReevaluation(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "api/admin/reevaluations/{month}")] HttpRequest req,
        [DurableClient] DurableTaskClient client, string month, CancellationToken ct)
        => With(client).GetReevaluationAsync(req, month, ct);

    private AdminHandlers With(DurableTaskClient client)
    {
        durable.Attach(client);
        return handlers;
    }
}
