using System.Globalization;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CoSell.Workflow.Http;

/// <summary>
/// The reviewer's signed link (routes ShowReview, DecideReview, GetReviewDocument). GET only shows; the decision
/// is a POST, recorded once (first decision wins) and then raised as <see cref="WorkflowNames.ReviewerDecided"/>.
/// </summary>
public sealed class ReviewHandlers
{
    private readonly IReviewLinkSigner _signer;
    private readonly IReviewTokenStore _tokens;
    private readonly IOfferStore _offers;
    private readonly ICollateralStore _collateral;
    private readonly IRevenueStore _revenue;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly HttpApiOptions _options;

    public ReviewHandlers(
        IReviewLinkSigner signer,
        IReviewTokenStore tokens,
        IOfferStore offers,
        ICollateralStore collateral,
        IRevenueStore revenue,
        DurableTaskClient durable,
        TimeProvider time,
        IOptions<HttpApiOptions> options)
    {
        _signer = signer;
        _tokens = tokens;
        _offers = offers;
        _collateral = collateral;
        _revenue = revenue;
        _durable = durable;
        _time = time;
        _options = options.Value;
    }

    /// <summary>GET: the evidence and the decision form. Decides nothing (mail scanners open links).</summary>
    public async Task<IResult> ShowReviewAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        (ReviewTokenRecord? row, IResult? refused) = await ResolveAsync(token, cancellationToken);
        if (row is null)
        {
            return refused!;
        }

        ReviewEvidence evidence = await LoadEvidenceAsync(row, cancellationToken);
        if (evidence.Decision is null && !await IsWaitingAsync(row.InstanceId, cancellationToken))
        {
            return ClosedReview();
        }

        return ReviewPages.Review(evidence, DocumentBase(request, token), null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// POST form (decision=approve|reject, comment): records the first decision and raises it to the review. A review
    /// already decided answers "already decided" (and re-raises the recorded decision in case the first raise was lost),
    /// whatever the form says; the decision row is only read on the paths that need it, so a first decision costs one
    /// token read, one instance read, the decision insert and the token's used mark.
    /// </summary>
    public async Task<IResult> DecideReviewAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        (ReviewTokenRecord? row, IResult? refused) = await ResolveAsync(token, cancellationToken);
        if (row is null)
        {
            return refused!;
        }

        (string? decision, string? comment, IResult? badForm) = await ReadFormAsync(request, cancellationToken);
        string? problem = badForm is null ? FormProblem(decision, comment) : null;
        if (badForm is not null || problem is not null)
        {
            if (await EarlierDecisionAsync(row.InstanceId, cancellationToken) is { } decided)
            {
                return decided;
            }

            return badForm ?? ReviewPages.Review(await LoadEvidenceAsync(row, cancellationToken), DocumentBase(request, token), problem, StatusCodes.Status400BadRequest);
        }

        // A review that already ended (expired, or its instance is gone) takes no decision: recording one would mislead.
        if (!await IsWaitingAsync(row.InstanceId, cancellationToken))
        {
            return await EarlierDecisionAsync(row.InstanceId, cancellationToken, reRaise: false) ?? ClosedReview();
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (row.ExpiresAt - now <= _options.DecisionCutoffBeforeExpiry)
        {
            return await EarlierDecisionAsync(row.InstanceId, cancellationToken) ?? Expired();
        }

        string? note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ReviewerDecision mine = (decision == "approve" ? ReviewerDecision.Approve(row.Reviewer, now, note) : ReviewerDecision.Reject(row.Reviewer, note!, now))
            with { DecisionId = Guid.NewGuid().ToString("N") };
        ReviewerDecision recorded = await _tokens.RecordDecisionAsync(row, mine, cancellationToken);
        if (recorded.ClosedByExpiry)
        {
            return Expired();
        }

        // Raised whether it is this request's decision or one recorded a moment before by another (whose raise may be lost).
        await _durable.RaiseEventAsync(row.InstanceId, WorkflowNames.ReviewerDecided, recorded, cancellationToken);
        if (!SameDecision(recorded, mine))
        {
            return ReviewPages.AlreadyDecidedPage(recorded);
        }

        string offerName = row.OfferName ?? (await _offers.GetAsync(row.PartnerId, row.OfferId, cancellationToken))?.Offer.Name ?? row.OfferId;
        return ReviewPages.Decided(recorded, offerName);
    }

    private string? FormProblem(string? decision, string? comment)
    {
        string? problem = decision switch
        {
            "approve" => null,
            "reject" when string.IsNullOrWhiteSpace(comment) => "To reject, write a comment that tells the partner what to fix.",
            "reject" => null,
            _ => "Choose Approve or Reject.",
        };
        return problem is null && comment is not null && comment.Length > _options.MaxCommentLength
            ? $"The comment is longer than {_options.MaxCommentLength} characters."
            : problem;
    }

    /// <summary>The "already decided" page when the review has a recorded decision (re-raised first when asked), otherwise null.</summary>
    private async Task<IResult?> EarlierDecisionAsync(string instanceId, CancellationToken cancellationToken, bool reRaise = true)
    {
        if (await _tokens.GetDecisionAsync(instanceId, cancellationToken) is not { } earlier)
        {
            return null;
        }

        if (earlier.ClosedByExpiry)
        {
            return Expired();
        }

        if (reRaise)
        {
            await ReRaiseAsync(instanceId, earlier, cancellationToken);
        }

        return ReviewPages.AlreadyDecidedPage(earlier);
    }

    /// <summary>GET: one submitted document as an attachment, only while the link is valid.</summary>
    public async Task<IResult> GetReviewDocumentAsync(HttpRequest request, string token, string index, CancellationToken cancellationToken)
    {
        (ReviewTokenRecord? row, IResult? refused) = await ResolveAsync(token, cancellationToken);
        if (row is null)
        {
            return refused!;
        }

        ReviewEvidence evidence = await LoadEvidenceAsync(row, cancellationToken, evaluate: false);
        IReadOnlyList<CollateralDocument> documents = evidence.Submission?.Materials.Documents ?? [];
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= documents.Count)
        {
            return ReviewPages.Message(StatusCodes.Status404NotFound, "No such document", "This submission has no document with that number.");
        }

        CollateralDocument document = documents[i];
        Stream? content = await _collateral.OpenReadAsync(document.BlobName, cancellationToken);
        if (content is null)
        {
            return ReviewPages.Message(StatusCodes.Status404NotFound, "Document missing", $"The stored file for {document.FileName} is no longer available.");
        }

        return ReviewPages.WithPageHeaders(Results.File(content, "application/octet-stream", document.FileName));
    }

    /// <summary>Verifies signature, expiry and the issued row: 403 tampered, 410 expired, 404 unknown.</summary>
    private async Task<(ReviewTokenRecord? Row, IResult? Refused)> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        TokenFailure failure = _signer.Verify(token, now, out ReviewTokenClaims? claims);
        if (failure == TokenFailure.Expired)
        {
            return (null, Expired());
        }

        if (failure != TokenFailure.None || claims is null)
        {
            return (null, ReviewPages.Message(StatusCodes.Status403Forbidden, "Invalid review link", "This review link is not valid: it may have been altered or cut short. Open the link exactly as it arrived in the e-mail."));
        }

        ReviewTokenRecord? row = await _tokens.GetAsync(claims.TokenId, cancellationToken);
        if (row is null)
        {
            return (null, ReviewPages.Message(StatusCodes.Status404NotFound, "Unknown review link", "This review link was not issued by this service (or has been withdrawn)."));
        }

        if (!string.Equals(row.InstanceId, claims.InstanceId, StringComparison.Ordinal))
        {
            return (null, ReviewPages.Message(StatusCodes.Status403Forbidden, "Invalid review link", "This review link does not match the review it names."));
        }

        return row.ExpiresAt <= now ? (null, Expired()) : (row, null);
    }

    private static IResult ClosedReview()
        => ReviewPages.Message(StatusCodes.Status410Gone, "Review closed", "This review is no longer waiting for a decision (it expired or was closed). Nothing was recorded.");

    private static IResult Expired()
        => ReviewPages.Message(StatusCodes.Status410Gone, "Review link expired", "This review link has expired. The review was closed or a new link has been sent.");

    private async Task<(string? Decision, string? Comment, IResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? mediaType = request.ContentType is { } ct && MediaTypeHeaderValue.TryParse(ct, out MediaTypeHeaderValue? parsed) ? parsed.MediaType.Value : null;
        if (!string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, ReviewPages.Message(StatusCodes.Status415UnsupportedMediaType, "Unsupported form", "Send the decision from the review page's form."));
        }

        BodyResult<byte[]> bytes = await RequestBody.ReadBytesAsync(request, _options.MaxReviewFormBytes, "form", cancellationToken);
        BodyResult<string> text = bytes.IsValid ? RequestBody.DecodeUtf8(bytes.Value!, "form") : BodyResult.Fail<string>(bytes.Problem!);
        if (!text.IsValid)
        {
            return (null, null, ReviewPages.Message(bytes.IsValid ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge, "Form not accepted", "The form could not be read; go back and try again with a shorter comment."));
        }

        Dictionary<string, StringValues> form = QueryHelpers.ParseQuery(text.Value!);
        string? decision = form.TryGetValue("decision", out StringValues d) && d.Count == 1 ? d[0] : null;
        string? comment = form.TryGetValue("comment", out StringValues c) && c.Count == 1 ? c[0] : null;
        return (decision, comment, null);
    }

    /// <summary>A repeat POST delivers the recorded decision again, in case the first raise was lost; a finished review needs none.</summary>
    private async Task ReRaiseAsync(string instanceId, ReviewerDecision recorded, CancellationToken cancellationToken)
    {
        if (await IsWaitingAsync(instanceId, cancellationToken))
        {
            await _durable.RaiseEventAsync(instanceId, WorkflowNames.ReviewerDecided, recorded, cancellationToken);
        }
    }

    private async Task<bool> IsWaitingAsync(string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await _durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        return instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended };
    }

    /// <summary>
    /// The submission is the orchestration's input (exactly what was submitted). The evaluation is the one recorded
    /// for this review when the workflow stored it; otherwise the rules are re-run on the same evidence.
    /// </summary>
    private async Task<ReviewEvidence> LoadEvidenceAsync(ReviewTokenRecord row, CancellationToken cancellationToken, bool evaluate = true)
    {
        ReviewerDecision? decision = await _tokens.GetDecisionAsync(row.InstanceId, cancellationToken) is { ClosedByExpiry: false } d ? d : null;
        OfferRecord? offer = await _offers.GetAsync(row.PartnerId, row.OfferId, cancellationToken);
        OfferStatusSnapshot? snapshot = offer?.Current is { } current && current.InstanceId == row.InstanceId ? current : null;

        OrchestrationMetadata? instance = await _durable.GetInstanceAsync(row.InstanceId, getInputsAndOutputs: true, cancellationToken);
        ReviewRequest? input = null;
        try
        {
            input = instance?.ReadInputAs<ReviewRequest>();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        Submission? submission = input?.Submission ?? snapshot?.Submission;
        string? submittedBy = input?.SubmittedBy ?? snapshot?.PartnerEmail;
        if (!evaluate || submission is null)
        {
            return new ReviewEvidence(row.PartnerId, row.OfferId, submission, submittedBy, snapshot?.Evaluation, submission is null ? "The submission could not be found." : null, decision);
        }

        if (snapshot is not null)
        {
            return new ReviewEvidence(row.PartnerId, row.OfferId, submission, submittedBy, snapshot.Evaluation, null, decision);
        }

        try
        {
            var findings = new List<CollateralFinding>();
            foreach (CollateralDocument document in submission.Materials.Documents)
            {
                findings.Add(await _collateral.InspectAsync(document, cancellationToken));
            }

            OrganisationProfile organisation = await _revenue.GetLatestAsync(submission.Offer.PartnerId, cancellationToken)
                ?? new OrganisationProfile(submission.Offer.PartnerId, null, 0m, [], false, false);
            Evaluation evaluation = CoSellRules.Evaluate(submission, findings, organisation);
            return new ReviewEvidence(row.PartnerId, row.OfferId, submission, submittedBy, evaluation, null, decision);
        }
        catch (DomainValidationException ex)
        {
            return new ReviewEvidence(row.PartnerId, row.OfferId, submission, submittedBy, null, "The submission could not be evaluated: " + ex.Message, decision);
        }
    }

    /// <summary>Whether the recorded decision is this request's own: by nonce when both carry one (a double click
    /// posts two equal decisions within the same millisecond), otherwise by content and time.</summary>
    private static bool SameDecision(ReviewerDecision a, ReviewerDecision b)
        => a.DecisionId is not null && b.DecisionId is not null
            ? string.Equals(a.DecisionId, b.DecisionId, StringComparison.Ordinal)
            : a.Approved == b.Approved
                && string.Equals(a.Reviewer, b.Reviewer, StringComparison.Ordinal)
                && string.Equals(a.Comment, b.Comment, StringComparison.Ordinal)
                && (a.DecidedAt - b.DecidedAt).Duration() < TimeSpan.FromMilliseconds(1);

    private static string DocumentBase(HttpRequest request, string token)
        => $"{request.PathBase}/review/{Uri.EscapeDataString(token)}/documents/";
}
