using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Reevaluation;

namespace CoSell.Workflow;

/// <summary>Every durable name, once. Functions attributes, CallActivityAsync, RaiseEventAsync and tests use these.</summary>
public static class WorkflowNames
{
    /// <summary>The review that new submissions start (version 2).</summary>
    public const string CoSellReview = nameof(CoSellReviewOrchestratorV2);

    /// <summary>Version 1 of the review, registered only so that instances started before version 2 can finish.</summary>
    public const string CoSellReviewV1 = nameof(CoSellReviewOrchestrator);

    public const string MonthlyReevaluation = nameof(MonthlyReevaluationOrchestrator);

    public const string ValidateCollateral = nameof(ValidateCollateral);
    public const string ValidateContacts = nameof(ValidateContacts);
    public const string EvaluateThresholds = nameof(EvaluateThresholds);
    public const string InviteReviewers = nameof(InviteReviewers);
    public const string RecordOutcome = nameof(RecordOutcome);
    public const string CloseReview = nameof(CloseReview);

    // Activities of review version 1 only (see CoSellReviewV1).
    public const string RequestReview = nameof(RequestReview);
    public const string RecordStatus = nameof(RecordStatus);
    public const string RecordHistory = nameof(RecordHistory);
    public const string SendNotification = nameof(SendNotification);
    public const string ListOrganisations = nameof(ListOrganisations);
    public const string ReevaluateBatch = nameof(ReevaluateBatch);
    public const string ReadReevaluationSettings = nameof(ReadReevaluationSettings);

    /// <summary>External event raised when a reviewer posts a decision.</summary>
    public const string ReviewerDecided = nameof(ReviewerDecided);

    /// <summary>Business-key instance id of one review: <c>cosell-{partnerId}.{offerId}-{draftVersion}</c>.</summary>
    /// <remarks>Ids are restricted to [a-z0-9-], so '.' separates partner and offer unambiguously.</remarks>
    public static string ReviewInstanceId(string partnerId, string offerId, int draftVersion)
        => $"cosell-{partnerId}.{offerId}-{draftVersion}";

    /// <summary>Instance id of a month's re-evaluation: <c>reeval-YYYY-MM</c>.</summary>
    public static string ReevaluationInstanceId(string month) => $"reeval-{month}";
}
