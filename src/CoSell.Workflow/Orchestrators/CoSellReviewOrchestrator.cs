using CoSell.Workflow.Messages;
using Microsoft.DurableTask;

namespace CoSell.Workflow.Orchestrators;

/// <summary>One co-sell review: validate, ask a reviewer, record, notify.</summary>
public sealed class CoSellReviewOrchestrator : TaskOrchestrator<ReviewRequest, CoSellOutcome>
{
    public override Task<CoSellOutcome> RunAsync(TaskOrchestrationContext context, ReviewRequest input)
        => throw new NotImplementedException();
}
