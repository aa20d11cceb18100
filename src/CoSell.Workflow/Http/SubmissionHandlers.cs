using System.Text.Json;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>Review and publish, and what came of it (routes SubmitForReview, GetSubmission, GetStatus, GetHistory).</summary>
public sealed class SubmissionHandlers
{
    private readonly RouteAuthorizer _authorizer;
    private readonly IOfferStore _offers;
    private readonly IHistoryStore _history;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly HttpApiOptions _options;
    private readonly IOptions<ReviewOptions> _review;

    /// <param name="review">Reviewers and timings put into every new review (section "Review", bound by AddCoSellWorkflow).</param>
    public SubmissionHandlers(
        RouteAuthorizer authorizer,
        IOfferStore offers,
        IHistoryStore history,
        DurableTaskClient durable,
        TimeProvider time,
        IOptions<HttpApiOptions> options,
        IOptions<ReviewOptions> review)
    {
        _review = review;
        _authorizer = authorizer;
        _offers = offers;
        _history = history;
        _durable = durable;
        _time = time;
        _options = options.Value;
    }

    /// <summary>
    /// POST {"submittedBy": e-mail}: validates the current draft and starts its review with the business-key id
    /// (offer + draft version). A repeat finds the same instance and answers the same 202.
    /// </summary>
    public async Task<IResult> SubmitForReviewAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.SubmitForReview, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        BodyResult<SubmitRequest> body = await RequestBody.ReadJsonAsync<SubmitRequest>(request, _options.MaxJsonBytes, "body", cancellationToken);
        if (!body.IsValid)
        {
            return body.Problem!;
        }

        string submittedBy = body.Value!.SubmittedBy?.Trim() ?? string.Empty;
        if (!InputRules.IsValidEmail(submittedBy))
        {
            return HttpProblems.Validation("submittedBy", submittedBy.Length == 0
                ? "Required: the e-mail address of the person submitting (partner notifications go there)."
                : $"'{submittedBy}' is not a valid e-mail address.");
        }

        OfferRecord? record = await _offers.FindAsync(partnerId, offerId, cancellationToken);
        if (record is null)
        {
            return RouteAuthorizer.OfferNotFound();
        }

        Submission submission = record.ToSubmission();
        IReadOnlyList<ValidationError> errors = SubmissionValidator.Validate(submission);
        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors.Select(e => (e.Field, e.Message)), "The draft cannot be submitted yet; fix every listed field.");
        }

        string instanceId = WorkflowNames.ReviewInstanceId(partnerId, offerId, record.DraftVersion);
        if (await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
        {
            if (await WasPurgedAsync(partnerId, offerId, instanceId, cancellationToken))
            {
                return HttpProblems.Conflict(
                    $"Draft version {record.DraftVersion} was already submitted for review and that review has been purged; save the draft (a new version) to submit it again.");
            }

            var input = new ReviewRequest(submission, submittedBy, _time.GetUtcNow()) { Policy = _review.Value.ToPolicy() };
            try
            {
                await _durable.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.CoSellReview, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A concurrent submit may have started it between our look and our leap; that is the same review.
                if (await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is null)
                {
                    throw;
                }
            }
        }

        var accepted = new SubmissionAccepted(
            instanceId,
            record.DraftVersion,
            HttpUrls.Offer(request, partnerId, offerId, $"/submissions/{record.DraftVersion}"),
            HttpUrls.Offer(request, partnerId, offerId, "/status"),
            HttpUrls.Offer(request, partnerId, offerId, "/history"));
        return HeaderResult.With(
            Results.Json(accepted, ApiJson.Options, statusCode: StatusCodes.Status202Accepted),
            (HeaderNames.Location, accepted.StatusQueryGetUri),
            (HeaderNames.RetryAfter, "5"));
    }

    public async Task<IResult> GetSubmissionAsync(HttpRequest request, string partnerId, string offerId, string draftVersion, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetSubmission, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!InputRules.TryParsePositiveInt(draftVersion, out int version))
        {
            return HttpProblems.Validation("draftVersion", "A positive whole number (the draft version that was submitted).");
        }

        string instanceId = WorkflowNames.ReviewInstanceId(partnerId, offerId, version);
        OrchestrationMetadata? instance = InputRules.IsValidId(offerId)
            ? await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken)
            : null;
        if (instance is null)
        {
            return HttpProblems.NotFound($"Draft version {version} of this offer was not submitted.");
        }

        var response = new SubmissionStatusResponse(
            instanceId,
            version,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            TryRead(() => instance.ReadCustomStatusAs<ReviewProgress>()),
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? TryRead(() => instance.ReadOutputAs<CoSellOutcome>()) : null,
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? "The review failed; operators have been alerted by the platform logs. Submit again to retry." : null);
        return Results.Json(response, ApiJson.Options);
    }

    public async Task<IResult> GetStatusAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetStatus, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        OfferRecord? record = await _offers.FindAsync(partnerId, offerId, cancellationToken);
        if (record is null)
        {
            return RouteAuthorizer.OfferNotFound();
        }

        string latestId = WorkflowNames.ReviewInstanceId(partnerId, offerId, record.DraftVersion);
        OrchestrationMetadata? latest = await _durable.GetInstanceAsync(latestId, getInputsAndOutputs: false, cancellationToken);
        bool inProgress = latest is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };
        OfferStatusSnapshot? current = record.Current;
        StatusResponse response = current is null
            ? new StatusResponse(partnerId, offerId, StatusResponse.NotSubmitted, "Not submitted for co-sell review", [], [], [], null, null, null, null, record.DraftVersion, null, inProgress, inProgress ? latestId : null)
            : new StatusResponse(
                partnerId,
                offerId,
                current.Status.ToString(),
                StatusLabels.Label(current.Status, current.Evaluation.Tracks),
                current.Evaluation.Tracks,
                current.Evaluation.Requirements,
                current.Evaluation.Benefits,
                current.ChangedAt,
                current.ChangedBy,
                current.Reason,
                current.ReviewerApproved,
                record.DraftVersion,
                current.DraftVersion,
                inProgress,
                inProgress ? latestId : current.InstanceId);
        return Results.Json(response, ApiJson.Options);
    }

    public async Task<IResult> GetHistoryAsync(HttpRequest request, string partnerId, string offerId, CancellationToken cancellationToken)
    {
        if (await _authorizer.AuthorizeAsync(ApiRoutes.GetHistory, request, partnerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        OfferRecord? record = await _offers.FindAsync(partnerId, offerId, cancellationToken);
        if (record is null)
        {
            return RouteAuthorizer.OfferNotFound();
        }

        IReadOnlyList<HistoryEntry> entries = await _history.ListAsync(partnerId, offerId, cancellationToken);
        var ordered = entries.OrderBy(e => e.At).ThenBy(e => e.EntryId, StringComparer.Ordinal).ToList();
        return Results.Json(new HistoryResponse(partnerId, offerId, ordered), ApiJson.Options);
    }

    /// <summary>
    /// True when the offer's history names this instance although the engine no longer knows it: an operator purged a
    /// finished review. Starting it again under the same id would find its e-mails already sent and its history
    /// already written (both keyed by instance id), so the new review would run silently.
    /// </summary>
    private async Task<bool> WasPurgedAsync(string partnerId, string offerId, string instanceId, CancellationToken cancellationToken)
        => (await _history.ListAsync(partnerId, offerId, cancellationToken)).Any(e => string.Equals(e.InstanceId, instanceId, StringComparison.Ordinal));

    private static T? TryRead<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
