using System.Text.Json;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>Result of a revenue upload.</summary>
public sealed record RevenueImported(string Month, int Organisations);

/// <summary>The 202 payload of StartReevaluation.</summary>
public sealed record ReevaluationAccepted(string Id, string Month, string StatusQueryGetUri);

/// <summary>A month's re-evaluation as GetReevaluation shows it.</summary>
public sealed record ReevaluationStatusResponse(
    string Id,
    string Month,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? CustomStatus,
    JsonElement? Output);

/// <summary>Operator routes: the monthly revenue feed and the re-evaluation run.</summary>
public sealed class AdminHandlers
{
    private readonly RouteAuthorizer _authorizer;
    private readonly IRevenueStore _revenue;
    private readonly DurableTaskClient _durable;
    private readonly HttpApiOptions _options;

    public AdminHandlers(RouteAuthorizer authorizer, IRevenueStore revenue, DurableTaskClient durable, IOptions<HttpApiOptions> options)
    {
        _authorizer = authorizer;
        _revenue = revenue;
        _durable = durable;
        _options = options.Value;
    }

    /// <summary>PUT text/csv (format: <see cref="RevenueCsvParser"/>): every row valid, or nothing is stored.</summary>
    public async Task<IResult> UploadRevenueAsync(HttpRequest request, string month, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.UploadRevenue, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.IsValidMonth(month))
        {
            return InvalidMonth();
        }

        if (!DraftHandlers.IsCsv(request))
        {
            return HttpProblems.UnsupportedMediaType("text/csv");
        }

        BodyResult<byte[]> bytes = await RequestBody.ReadBytesAsync(request, _options.MaxRevenueBytes, "revenue", cancellationToken);
        if (!bytes.IsValid)
        {
            return bytes.Problem!;
        }

        RevenueParseResult parsed = RevenueCsvParser.Parse(bytes.Value!, month);
        if (parsed.Errors.Count > 0)
        {
            return HttpProblems.Validation(parsed.Errors.Select(e => (e.Field, e.Message)), $"The file has {parsed.Errors.Count} problem(s); nothing was imported.");
        }

        await _revenue.ImportAsync(month, parsed.Rows, cancellationToken);
        return Results.Json(new RevenueImported(month, parsed.Rows.Count), ApiJson.Options);
    }

    /// <summary>POST: starts the month's re-evaluation (<c>reeval-YYYY-MM</c>) unless it already exists; 202 either way.</summary>
    public async Task<IResult> StartReevaluationAsync(HttpRequest request, string month, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.StartReevaluation, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.IsValidMonth(month))
        {
            return InvalidMonth();
        }

        string instanceId = WorkflowNames.ReevaluationInstanceId(month);
        if (await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            try
            {
                await _durable.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.MonthlyReevaluation, month, new StartOrchestrationOptions(instanceId), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Started concurrently (timer and operator at once): the month's run exists, which is what was asked.
                if (await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
                {
                    throw;
                }
            }
        }

        string statusUri = HttpUrls.Absolute(request, $"api/admin/reevaluations/{month}");
        return HeaderResult.With(
            Results.Json(new ReevaluationAccepted(instanceId, month, statusUri), ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            (HeaderNames.Location, statusUri));
    }

    public async Task<IResult> GetReevaluationAsync(HttpRequest request, string month, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetReevaluation, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.IsValidMonth(month))
        {
            return InvalidMonth();
        }

        string instanceId = WorkflowNames.ReevaluationInstanceId(month);
        OrchestrationMetadata? instance = await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return HttpProblems.NotFound($"No re-evaluation has been started for {month}.");
        }

        return Results.Json(
            new ReevaluationStatusResponse(instanceId, month, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, SerializedJson.Parse(instance.SerializedCustomStatus), SerializedJson.Parse(instance.SerializedOutput)),
            ApiJson.Options);
    }

    private static IResult InvalidMonth() => HttpProblems.Validation("month", "A month as YYYY-MM (e.g. 2026-08).");
}
