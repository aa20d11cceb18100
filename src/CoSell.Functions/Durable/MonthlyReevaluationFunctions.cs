using CoSell.Workflow;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Reevaluation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CoSell.Functions.Durable;

/// <summary>Binds the monthly re-evaluation orchestration; the logic lives in <see cref="MonthlyReevaluationOrchestrator"/>.</summary>
public static class MonthlyReevaluationFunction
{
    [Function(WorkflowNames.MonthlyReevaluation)]
    public static Task<ReevaluationSummary> Run([OrchestrationTrigger] TaskOrchestrationContext ctx, ReevaluationRequest input)
        => new MonthlyReevaluationOrchestrator().RunAsync(ctx, input);
}

/// <summary>Binds <see cref="WorkflowNames.ListOrganisations"/>.</summary>
public sealed class ListOrganisationsFunction(ListOrganisationsActivity activity)
{
    [Function(WorkflowNames.ListOrganisations)]
    public Task<ReevaluationPage> Run([ActivityTrigger] ReevaluationPageRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.ReevaluateBatch"/>.</summary>
public sealed class ReevaluateBatchFunction(ReevaluateBatchActivity activity)
{
    [Function(WorkflowNames.ReevaluateBatch)]
    public Task<ReevaluationBatchResult> Run([ActivityTrigger] ReevaluationBatchRequest input, CancellationToken ct) => activity.RunAsync(input, ct);
}

/// <summary>Binds <see cref="WorkflowNames.ReadReevaluationSettings"/>.</summary>
public sealed class ReadReevaluationSettingsFunction(ReadReevaluationSettingsActivity activity)
{
    [Function(WorkflowNames.ReadReevaluationSettings)]
    public Task<ReevaluationSettings> Run([ActivityTrigger] string input, CancellationToken ct) => activity.RunAsync(input, ct);
}
