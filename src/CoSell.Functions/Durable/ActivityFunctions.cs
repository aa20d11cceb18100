using CoSell.Domain;
using CoSell.Workflow;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.Azure.Functions.Worker;

namespace CoSell.Functions.Durable;

// Each wrapper binds the Durable activity trigger and hands the input to the injected service; the
// services never see a TaskActivityContext, so the local host and this app run the same code.

/// <summary>Binds <see cref="WorkflowNames.ValidateCollateral"/>.</summary>
public sealed class ValidateCollateralFunction(ValidateCollateralActivity activity)
{
    [Function(WorkflowNames.ValidateCollateral)]
    public Task<IReadOnlyList<CollateralFinding>> Run([ActivityTrigger] Submission input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.ValidateContacts"/>.</summary>
public sealed class ValidateContactsFunction(ValidateContactsActivity activity)
{
    [Function(WorkflowNames.ValidateContacts)]
    public Task<RequirementResult> Run([ActivityTrigger] Submission input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.EvaluateThresholds"/> (input: the partner's organisation id).</summary>
public sealed class EvaluateThresholdsFunction(EvaluateThresholdsActivity activity)
{
    [Function(WorkflowNames.EvaluateThresholds)]
    public Task<OrganisationProfile> Run([ActivityTrigger] string input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.InviteReviewers"/>.</summary>
public sealed class InviteReviewersFunction(InviteReviewersActivity activity)
{
    [Function(WorkflowNames.InviteReviewers)]
    public Task<ReviewLinkResult> Run([ActivityTrigger] ReviewInvitationRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.RecordOutcome"/>.</summary>
public sealed class RecordOutcomeFunction(RecordOutcomeActivity activity)
{
    [Function(WorkflowNames.RecordOutcome)]
    public Task<OutcomeRecordResult> Run([ActivityTrigger] OutcomeRecordRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.CloseReview"/>.</summary>
public sealed class CloseReviewFunction(CloseReviewActivity activity)
{
    [Function(WorkflowNames.CloseReview)]
    public Task<ReviewerDecision> Run([ActivityTrigger] ReviewExpiry input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.RequestReview"/>.</summary>
public sealed class RequestReviewFunction(RequestReviewActivity activity)
{
    [Function(WorkflowNames.RequestReview)]
    public Task<ReviewLinkResult> Run([ActivityTrigger] ReviewLinkRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.RecordStatus"/>.</summary>
public sealed class RecordStatusFunction(RecordStatusActivity activity)
{
    [Function(WorkflowNames.RecordStatus)]
    public Task<StatusRecordResult> Run([ActivityTrigger] StatusRecordRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.RecordHistory"/>.</summary>
public sealed class RecordHistoryFunction(RecordHistoryActivity activity)
{
    [Function(WorkflowNames.RecordHistory)]
    public Task<string> Run([ActivityTrigger] HistoryEntry input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.SendNotification"/>.</summary>
public sealed class SendNotificationFunction(SendNotificationActivity activity)
{
    [Function(WorkflowNames.SendNotification)]
    public Task<NotificationReceipt> Run([ActivityTrigger] NotificationRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}
