using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>One page of the keys of the reviewed (Co-sell ready or incentivized) offers; read-only, so safe to repeat.</summary>
public sealed class ListReviewedOffersActivity(IOfferStore offers)
{
    public Task<OfferKeyPage> RunAsync(ReevaluationPageRequest input, CancellationToken cancellationToken)
        => offers.ListReviewedKeysAsync(input.ContinuationToken, input.PageSize, cancellationToken);
}
