using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// One page of the month's organisations (the revenue feed's row keys, read without the rows), cut into contiguous
/// ranges of one batch each. Returns bounds, not lists, so the orchestration history stays a few hundred bytes per
/// batch; read-only, so safe to repeat.
/// </summary>
public sealed class ListOrganisationsActivity(IRevenueStore revenue)
{
    public async Task<ReevaluationPage> RunAsync(ReevaluationPageRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        int pageSize = Math.Max(1, input.PageSize);
        IReadOnlyList<string> organisations = await revenue.ListOrganisationIdsAsync(input.Month, input.After, pageSize, cancellationToken);
        bool lastPage = organisations.Count < pageSize;
        if (organisations.Count == 0)
        {
            return new ReevaluationPage([new OrganisationRange(input.After, null, null, 0)], null);
        }

        var batches = new List<OrganisationRange>();
        string? after = input.After;
        string[][] chunks = [.. organisations.Chunk(Math.Max(1, input.BatchSize))];
        for (int i = 0; i < chunks.Length; i++)
        {
            string? through = lastPage && i == chunks.Length - 1 ? null : chunks[i][^1];
            batches.Add(new OrganisationRange(after, through, chunks[i][0], chunks[i].Length));
            after = chunks[i][^1];
        }

        return new ReevaluationPage(batches, lastPage ? null : organisations[^1]);
    }
}
