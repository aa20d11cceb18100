using CoSell.Workflow;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CoSell.Functions.Durable;

/// <summary>Binds the co-sell review orchestrations to the Durable Functions trigger; the logic lives in the orchestrator classes.</summary>
public static class CoSellReviewFunction
{
    /// <summary>The review new submissions start (<see cref="CoSellReviewOrchestratorV2"/>).</summary>
    [Function(WorkflowNames.CoSellReview)]
    public static Task<CoSellOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext ctx, ReviewRequest input)
        => new CoSellReviewOrchestratorV2().RunAsync(ctx, input);

    /// <summary>Version 1 (<see cref="CoSellReviewOrchestrator"/>), for reviews started before version 2.</summary>
    [Function(WorkflowNames.CoSellReviewV1)]
    public static Task<CoSellOutcome> RunV1([OrchestrationTrigger] TaskOrchestrationContext ctx, ReviewRequest input)
        => new CoSellReviewOrchestrator().RunAsync(ctx, input);
}
