using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Activities;

/// <summary>Inspects every uploaded document of a submission by content, a few at a time.</summary>
public sealed class ValidateCollateralActivity(ICollateralStore store)
{
    internal const int MaxParallelInspections = 4;

    /// <summary>One finding per document, in the submission's document order.</summary>
    public async Task<IReadOnlyList<CollateralFinding>> RunAsync(Submission input, CancellationToken cancellationToken)
    {
        IReadOnlyList<CollateralDocument> documents = input.Materials.Documents;
        var findings = new CollateralFinding[documents.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelInspections, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, documents.Count), options, async (i, ct) =>
            findings[i] = await store.InspectAsync(documents[i], ct));
        return findings;
    }
}
