using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Reevaluation;

/// <summary>Reads the "Reevaluation" section for a run started with a bare month (the orchestrator never reads configuration).</summary>
public sealed class ReadReevaluationSettingsActivity(IOptions<ReevaluationOptions> options)
{
    public Task<ReevaluationSettings> RunAsync(string month, CancellationToken cancellationToken)
    {
        ReevaluationOptions o = options.Value;
        return Task.FromResult(new ReevaluationSettings([.. o.Admins], o.BatchSize, o.MaxParallelBatches, o.PageSize));
    }
}
