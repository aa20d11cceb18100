namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Section "Reevaluation": who gets the monthly summary and how the run is cut. The run walks the month's revenue
/// feed, so batches and pages count organisations (partners), not offers.
/// </summary>
public sealed class ReevaluationOptions
{
    public const string Section = "Reevaluation";

    public const int DefaultBatchSize = 200;

    /// <summary>
    /// Eight batches in flight kept Azurite busy in the 100k benchmark (docs/benchmarks.md). Keep it below the engine's
    /// activity concurrency (10 locally and in host.json): with ten on the local engine the run stalled for minutes.
    /// </summary>
    public const int DefaultMaxParallelBatches = 8;

    public const int DefaultPageSize = 2000;

    /// <summary>Admin e-mail addresses; each run's summary goes to all of them.</summary>
    public string[] Admins { get; set; } = [];

    /// <summary>Organisations per batch activity call (each reads its partners' offers in one query).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Batch activities in flight at once.</summary>
    public int MaxParallelBatches { get; set; } = DefaultMaxParallelBatches;

    /// <summary>Organisations per orchestration generation (then continue-as-new).</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>The input a starter schedules for <paramref name="month"/> ("YYYY-MM").</summary>
    public ReevaluationRequest ToRequest(string month) => new(month, [.. Admins])
    {
        BatchSize = BatchSize,
        MaxParallelBatches = MaxParallelBatches,
        PageSize = PageSize,
    };
}
