using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// One page of the reviewed (Co-sell ready or incentivized) offers, cut into contiguous key ranges of one batch each.
/// Reads keys only and returns bounds, not key lists, so the orchestration history stays a few hundred bytes per
/// batch; read-only, so safe to repeat.
/// </summary>
public sealed class ListReviewedOffersActivity(IOfferStore offers)
{
    public async Task<ReevaluationPage> RunAsync(ReevaluationPageRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        int pageSize = Math.Max(1, input.PageSize);
        IReadOnlyList<OfferKey> keys = await offers.ListReviewedKeysAsync(input.After, pageSize, cancellationToken);
        var batches = new List<OfferKeyRange>();
        OfferKey? after = input.After;
        foreach (OfferKey[] batch in keys.Chunk(Math.Max(1, input.BatchSize)))
        {
            batches.Add(new OfferKeyRange(after, batch[0], batch[^1], batch.Length));
            after = batch[^1];
        }

        return new ReevaluationPage(batches, keys.Count == pageSize ? keys[^1] : null);
    }
}
