using CoSell.Workflow;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CoSell.Functions.Durable;

/// <summary>Binds the co-sell review orchestration to the Durable Functions trigger; the logic lives in <see cref="CoSellReviewOrchestrator"/>.</summary>
public static class CoSellReviewFunction
{
    [Function(WorkflowNames.CoSellReview)]
    public static Task<CoSellOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext ctx, ReviewRequest input)
        => new CoSellReviewOrchestrator().RunAsync(ctx, input);
}
