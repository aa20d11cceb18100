using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Input of <see cref="MonthlyReevaluationOrchestrator"/> (instance <c>reeval-YYYY-MM</c>). A starter sets the month, the
/// admins and the sizes; the orchestrator itself fills <see cref="Continuation"/>, <see cref="Totals"/> and
/// <see cref="CarriedChanges"/> when it continues as new after each page.
/// </summary>
/// <param name="Month">The revenue month to evaluate against, "YYYY-MM".</param>
/// <param name="Admins">Who gets the run's summary e-mail (may be empty).</param>
public sealed record ReevaluationRequest(string Month, IReadOnlyList<string> Admins)
{
    /// <summary>Offers per <see cref="WorkflowNames.ReevaluateBatch"/> call.</summary>
    public int BatchSize { get; init; } = ReevaluationOptions.DefaultBatchSize;

    /// <summary>At most this many batch activities run at once.</summary>
    public int MaxParallelBatches { get; init; } = ReevaluationOptions.DefaultMaxParallelBatches;

    /// <summary>Offer keys listed per orchestration generation (one page, then continue-as-new).</summary>
    public int PageSize { get; init; } = ReevaluationOptions.DefaultPageSize;

    /// <summary>Attempts per activity call (first call included) for transient failures.</summary>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry of a failed activity; doubles on each further retry.</summary>
    public TimeSpan ActivityFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the next page starts; null for the first page.</summary>
    public string? Continuation { get; init; }

    /// <summary>The figures of the pages already done; null for the first page.</summary>
    public ReevaluationSummary? Totals { get; init; }

    /// <summary>Changes of the partner the previous page ended in: its e-mail waits until all its offers are done.</summary>
    public IReadOnlyList<OfferReevaluation> CarriedChanges { get; init; } = [];
}

/// <summary>What happened to one offer in a re-evaluation run.</summary>
public enum ReevaluationOutcome
{
    /// <summary>The evaluated status is the current one; nothing written.</summary>
    Unchanged,

    /// <summary>Co-sell ready → Co-sell incentivized.</summary>
    Granted,

    /// <summary>Co-sell incentivized → Co-sell ready.</summary>
    Withdrawn,

    /// <summary>No revenue row for the organisation in the run's month: status kept, flagged for the admins.</summary>
    MissingRevenue,

    /// <summary>Not (or no longer) a reviewed offer when the batch ran; not counted as evaluated.</summary>
    Skipped,

    /// <summary>Could not be evaluated (invalid stored data, a batch that kept failing); status kept, reason given.</summary>
    Error,
}

/// <summary>One offer's result. Status, names and figures are set where they are known (always for grants and withdrawals).</summary>
public sealed record OfferReevaluation(
    string PartnerId,
    string OfferId,
    ReevaluationOutcome Outcome,
    CoSellStatus? From = null,
    CoSellStatus? To = null,
    string? OfferName = null,
    string? PartnerEmail = null,
    decimal? AcrTtmUsd = null,
    string? Reason = null)
{
    public bool IsChange => Outcome is ReevaluationOutcome.Granted or ReevaluationOutcome.Withdrawn;
}

/// <summary>Input of <see cref="WorkflowNames.ReevaluateBatch"/>.</summary>
/// <param name="InstanceId">The run (<c>reeval-YYYY-MM</c>); stored in the snapshot so a rerun recognises its own write.</param>
/// <param name="At">The time the run records (from the orchestration clock, so a retry records the same).</param>
public sealed record ReevaluationBatchRequest(string Month, string InstanceId, DateTimeOffset At, IReadOnlyList<OfferKey> Offers);

/// <summary>Input of <see cref="WorkflowNames.ListReviewedOffers"/>.</summary>
public sealed record ReevaluationPageRequest(string? ContinuationToken, int PageSize);

/// <summary>An offer (or, with <see cref="OfferId"/> null, a partner e-mail) the admins should look at.</summary>
public sealed record ReevaluationIssue(string PartnerId, string? OfferId, ReevaluationOutcome Outcome, string Reason);

/// <summary>The run's figures: the orchestration output, the admin e-mail, and the running totals between pages.</summary>
/// <param name="Evaluated">Reviewed offers the run processed (every outcome except <see cref="ReevaluationOutcome.Skipped"/>).</param>
/// <param name="Issues">Missing revenue rows, errors and failed partner e-mails with reasons, at most <see cref="MaxListedIssues"/>.</param>
/// <param name="IssuesNotListed">Issues beyond <see cref="MaxListedIssues"/> (counted, not listed, to keep history small).</param>
public sealed record ReevaluationSummary(
    string Month,
    int Evaluated,
    int Granted,
    int Withdrawn,
    int Unchanged,
    int MissingRevenue,
    int Errors,
    int Skipped,
    int PartnersNotified,
    int Pages,
    int Batches,
    IReadOnlyList<ReevaluationIssue> Issues,
    int IssuesNotListed)
{
    public const int MaxListedIssues = 200;

    public static ReevaluationSummary Empty(string month) => new(month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], 0);
}

/// <summary>Custom status of a running re-evaluation.</summary>
public sealed record ReevaluationProgress(string Month, int Page, int BatchesDone, int OffersEvaluated, int Granted, int Withdrawn, bool Completed);
