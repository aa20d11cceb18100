using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>
/// Operator routes on durable instances (reviews and monthly runs): status, terminate, purge. Every call names an
/// instance by its business-key id (<see cref="InstanceIds"/>); nothing here lists or searches instances.
/// </summary>
public sealed class InstanceHandlers
{
    /// <summary>Longest termination reason kept in the history.</summary>
    public const int MaxReasonLength = 500;

    private readonly RouteAuthorizer _authorizer;
    private readonly IHistoryStore _history;
    private readonly IOfferStore _offers;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly HttpApiOptions _options;

    public InstanceHandlers(RouteAuthorizer authorizer, IHistoryStore history, IOfferStore offers, DurableTaskClient durable, TimeProvider time, IOptions<HttpApiOptions> options)
    {
        _authorizer = authorizer;
        _history = history;
        _offers = offers;
        _durable = durable;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The history entry id a termination writes: one per review, so repeating the call writes nothing new.</summary>
    public static string TerminationEntryId(string instanceId) => $"{instanceId}-terminated";

    /// <summary>GET: runtime status, times, custom status and output (never the input), and why it failed if it did.</summary>
    public async Task<IResult> GetInstanceAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetInstance, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InstanceIds.TryParse(instanceId, out InstanceRef instance))
        {
            return InvalidId();
        }

        // Inputs and outputs are fetched because custom status comes only with them; the input is not passed on.
        OrchestrationMetadata? state = await _durable.GetInstanceAsync(instance.Id, getInputsAndOutputs: true, cancellationToken);
        if (state is null)
        {
            return NotFound(instance.Id);
        }

        InstanceFailure? failure = state.FailureDetails is { } details ? new InstanceFailure(details.ErrorType, details.ErrorMessage) : null;
        return Results.Json(
            new InstanceStatusResponse(
                instance.Id,
                instance.Kind,
                state.RuntimeStatus.ToString(),
                state.CreatedAt,
                state.LastUpdatedAt,
                SerializedJson.Parse(state.SerializedCustomStatus),
                SerializedJson.Parse(state.SerializedOutput),
                failure),
            ApiJson.Options);
    }

    /// <summary>
    /// POST {"reason", "terminatedBy"}: terminates a running instance (409 once it has finished). For a review the
    /// offer's history gets a <see cref="HistoryKind.ReviewTerminated"/> entry first, under a fixed id, so a call that
    /// failed half-way is repaired by repeating it and never leaves a terminated review without its entry.
    /// </summary>
    public async Task<IResult> TerminateInstanceAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.TerminateInstance, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InstanceIds.TryParse(instanceId, out InstanceRef instance))
        {
            return InvalidId();
        }

        BodyResult<TerminateRequest> body = await RequestBody.ReadJsonAsync<TerminateRequest>(request, _options.MaxJsonBytes, "body", cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        string reason = body.Value!.Reason?.Trim() ?? string.Empty;
        string terminatedBy = body.Value.TerminatedBy?.Trim() ?? string.Empty;
        List<(string Field, string Message)> errors = [];
        if (reason.Length is 0 or > MaxReasonLength)
        {
            errors.Add(("reason", $"Required: why the instance is terminated, at most {MaxReasonLength} characters (it goes into the offer's history)."));
        }

        if (!InputRules.IsValidEmail(terminatedBy))
        {
            errors.Add(("terminatedBy", "Required: the e-mail address of the operator who terminates the instance."));
        }

        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors, "Nothing was terminated; fix every listed field.");
        }

        OrchestrationMetadata? state = await _durable.GetInstanceAsync(instance.Id, getInputsAndOutputs: false, cancellationToken);
        if (state is null)
        {
            return NotFound(instance.Id);
        }

        if (state.IsCompleted)
        {
            return HttpProblems.Conflict($"Instance {instance.Id} has already finished ({state.RuntimeStatus}); there is nothing to terminate.");
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (instance.Kind == InstanceKind.Review)
        {
            await _history.AppendAsync(
                new HistoryEntry(
                    instance.PartnerId!, instance.OfferId!, TerminationEntryId(instance.Id), now, HistoryKind.ReviewTerminated, terminatedBy,
                    $"Review terminated by {terminatedBy}: {reason}", InstanceId: instance.Id),
                cancellationToken);
        }

        await _durable.TerminateInstanceAsync(instance.Id, new TerminateInstanceOptions(new InstanceTermination(reason, terminatedBy, now)), cancellationToken);
        string statusUri = StatusUri(request, instance.Id);
        return HeaderResult.With(
            Results.Json(new TerminationAccepted(instance.Id, statusUri), ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            (HeaderNames.Location, statusUri));
    }

    /// <summary>
    /// DELETE: removes a finished instance's engine state (history, input, output); 409 while it runs. Table Storage keeps
    /// the offer's own history. The review of an offer's current draft version is kept too (409): its instance id is what
    /// makes a repeated submit of that version find the same review, and its e-mails and history rows are keyed by it, so
    /// a review started again under that id would run silently. Once the partner saves a newer draft it can be purged.
    /// </summary>
    public async Task<IResult> PurgeInstanceAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.PurgeInstance, request, null, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InstanceIds.TryParse(instanceId, out InstanceRef instance))
        {
            return InvalidId();
        }

        OrchestrationMetadata? state = await _durable.GetInstanceAsync(instance.Id, getInputsAndOutputs: false, cancellationToken);
        if (state is null)
        {
            return NotFound(instance.Id);
        }

        if (!state.IsCompleted)
        {
            return HttpProblems.Conflict($"Instance {instance.Id} is {state.RuntimeStatus}; only a finished instance can be purged (terminate it first).");
        }

        if (instance.Kind == InstanceKind.Review
            && await _offers.GetAsync(instance.PartnerId!, instance.OfferId!, cancellationToken) is { } offer && offer.DraftVersion == instance.DraftVersion)
        {
            return HttpProblems.Conflict(
                $"Instance {instance.Id} is the review of the offer's current draft (version {offer.DraftVersion}); it is kept so that draft version is never reviewed twice. It can be purged once the partner has saved a newer draft.");
        }

        PurgeResult purged = await _durable.PurgeInstanceAsync(instance.Id, cancellationToken);
        return purged.PurgedInstanceCount == 0
            ? NotFound(instance.Id)
            : Results.Json(new InstancePurged(instance.Id, purged.PurgedInstanceCount), ApiJson.Options);
    }

    private static string StatusUri(HttpRequest request, string instanceId) => HttpUrls.Absolute(request, $"api/admin/instances/{instanceId}");

    private static IResult InvalidId() => HttpProblems.Validation("instanceId", InstanceIds.Rule);

    private static IResult NotFound(string instanceId) => HttpProblems.NotFound($"No instance {instanceId} in the task hub.");
}
