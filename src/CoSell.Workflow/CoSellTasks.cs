using CoSell.Workflow.Activities;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Reevaluation;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Workflow;

/// <summary>Registers the review orchestrators (both versions) and every activity under its <see cref="WorkflowNames"/> constant.</summary>
public static class CoSellTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<CoSellReviewOrchestratorV2>(WorkflowNames.CoSellReview);
        registry.AddOrchestrator<CoSellReviewOrchestrator>(WorkflowNames.CoSellReviewV1);
        registry.AddOrchestrator<MonthlyReevaluationOrchestrator>(WorkflowNames.MonthlyReevaluation);

        Add<ValidateCollateralActivity, CoSell.Domain.Submission, IReadOnlyList<CoSell.Domain.CollateralFinding>>(registry, WorkflowNames.ValidateCollateral, (s, i, ct) => s.RunAsync(i, ct));
        Add<ValidateContactsActivity, CoSell.Domain.Submission, CoSell.Domain.RequirementResult>(registry, WorkflowNames.ValidateContacts, (s, i, ct) => s.RunAsync(i, ct));
        Add<EvaluateThresholdsActivity, string, CoSell.Domain.OrganisationProfile>(registry, WorkflowNames.EvaluateThresholds, (s, i, ct) => s.RunAsync(i, ct));
        Add<InviteReviewersActivity, ReviewInvitationRequest, ReviewLinkResult>(registry, WorkflowNames.InviteReviewers, (s, i, ct) => s.RunAsync(i, ct));
        Add<CloseReviewActivity, ReviewExpiry, Messages.ReviewerDecision>(registry, WorkflowNames.CloseReview, (s, i, ct) => s.RunAsync(i, ct));
        Add<RecordOutcomeActivity, OutcomeRecordRequest, OutcomeRecordResult>(registry, WorkflowNames.RecordOutcome, (s, i, ct) => s.RunAsync(i, ct));
        Add<RequestReviewActivity, ReviewLinkRequest, ReviewLinkResult>(registry, WorkflowNames.RequestReview, (s, i, ct) => s.RunAsync(i, ct));
        Add<RecordStatusActivity, StatusRecordRequest, StatusRecordResult>(registry, WorkflowNames.RecordStatus, (s, i, ct) => s.RunAsync(i, ct));
        Add<RecordHistoryActivity, Ports.HistoryEntry, string>(registry, WorkflowNames.RecordHistory, (s, i, ct) => s.RunAsync(i, ct));
        Add<SendNotificationActivity, Ports.NotificationRequest, Ports.NotificationReceipt>(registry, WorkflowNames.SendNotification, (s, i, ct) => s.RunAsync(i, ct));
        Add<ListOrganisationsActivity, ReevaluationPageRequest, ReevaluationPage>(registry, WorkflowNames.ListOrganisations, (s, i, ct) => s.RunAsync(i, ct));
        Add<ReevaluateBatchActivity, ReevaluationBatchRequest, ReevaluationBatchResult>(registry, WorkflowNames.ReevaluateBatch, (s, i, ct) => s.RunAsync(i, ct));
        Add<ReadReevaluationSettingsActivity, string, ReevaluationSettings>(registry, WorkflowNames.ReadReevaluationSettings, (s, i, ct) => s.RunAsync(i, ct));
    }

    private static void Add<TService, TInput, TOutput>(
        DurableTaskRegistry registry, string name, Func<TService, TInput, CancellationToken, Task<TOutput>> run)
        where TService : notnull
        => registry.AddActivity(name, sp => new ServiceActivity<TService, TInput, TOutput>(sp.GetRequiredService<TService>(), run));
}
