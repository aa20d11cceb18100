using System.Text.Json;
using System.Text.Json.Serialization;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Input of <see cref="MonthlyReevaluationOrchestrator"/> (instance <c>reeval-YYYY-MM</c>). A starter sets the month, the
/// admins and the sizes; the orchestrator itself fills <see cref="Continuation"/> and <see cref="Totals"/> when it
/// continues as new after each page.
/// </summary>
/// <param name="Month">The revenue month to evaluate against, "YYYY-MM".</param>
/// <param name="Admins">Who gets the run's summary e-mail (may be empty).</param>
/// <remarks>
/// A starter may also schedule the bare month string ("2026-11"): it reads as a request with
/// <see cref="UseConfiguredSettings"/> set, and the run takes admins and sizes from the "Reevaluation" section.
/// </remarks>
[JsonConverter(typeof(ReevaluationRequestJsonConverter))]
public sealed record ReevaluationRequest(string Month, IReadOnlyList<string> Admins)
{
    /// <summary>True when the admins and sizes are still to be read from <see cref="ReevaluationOptions"/> (by an activity).</summary>
    public bool UseConfiguredSettings { get; init; }

    /// <summary>The request for a bare month: admins and sizes come from configuration.</summary>
    public static ReevaluationRequest ForMonth(string month) => new(month, []) { UseConfiguredSettings = true };

    /// <summary>Organisations (partners) per <see cref="WorkflowNames.ReevaluateBatch"/> call.</summary>
    public int BatchSize { get; init; } = ReevaluationOptions.DefaultBatchSize;

    /// <summary>At most this many batch activities run at once.</summary>
    public int MaxParallelBatches { get; init; } = ReevaluationOptions.DefaultMaxParallelBatches;

    /// <summary>Organisations listed per orchestration generation (one page, then continue-as-new).</summary>
    public int PageSize { get; init; } = ReevaluationOptions.DefaultPageSize;

    /// <summary>Attempts per activity call (first call included) for transient failures.</summary>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>Delay before the first retry of a failed activity; doubles on each further retry.</summary>
    public TimeSpan ActivityFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The last organisation of the previous page: the next page starts after it; null for the first page.</summary>
    public string? Continuation { get; init; }

    /// <summary>The figures of the pages already done; null for the first page.</summary>
    public ReevaluationSummary? Totals { get; init; }
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

/// <summary>
/// One offer's result. Status, names and figures are set where they are known (always for grants and withdrawals).
/// A batch returns these for its grants and withdrawals only; every other outcome is counted (and listed as an issue
/// when it needs attention), so a batch's result stays far below the queue-message limit.
/// </summary>
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

/// <summary>An offer (or, with <see cref="OfferId"/> null, a partner e-mail) the admins should look at.</summary>
public sealed record ReevaluationIssue(string PartnerId, string? OfferId, ReevaluationOutcome Outcome, string Reason);

/// <summary>The run's figures: the orchestration output, the admin e-mail, and the running totals between pages.</summary>
/// <param name="Evaluated">Reviewed offers the run processed (every outcome except <see cref="ReevaluationOutcome.Skipped"/>).</param>
/// <param name="Issues">Missing revenue rows, errors and failed partner e-mails with reasons, at most <see cref="MaxListedIssues"/>.</param>
/// <param name="IssuesNotListed">Issues beyond <see cref="MaxListedIssues"/> (counted, not listed, to keep history small).</param>
/// <param name="BatchesFailed">Batches of organisations that failed as a whole after retries (each listed as an issue); their offers are in no other figure.</param>
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
    int IssuesNotListed,
    int BatchesFailed = 0)
{
    public const int MaxListedIssues = 200;

    public static ReevaluationSummary Empty(string month) => new(month, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], 0);
}

/// <summary>Custom status of a running re-evaluation.</summary>
public sealed record ReevaluationProgress(string Month, int Page, int BatchesDone, int OffersEvaluated, int Granted, int Withdrawn, bool Completed);

/// <summary>The configured admins and sizes (<see cref="ReevaluationOptions"/>), as <see cref="WorkflowNames.ReadReevaluationSettings"/> returns them.</summary>
public sealed record ReevaluationSettings(IReadOnlyList<string> Admins, int BatchSize, int MaxParallelBatches, int PageSize);

/// <summary>Reads a <see cref="ReevaluationRequest"/> from its object shape or from a bare "YYYY-MM" string.</summary>
internal sealed class ReevaluationRequestJsonConverter : JsonConverter<ReevaluationRequest>
{
    public override ReevaluationRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ReevaluationRequest.ForMonth(reader.GetString() ?? string.Empty);
        }

        Shape? shape = JsonSerializer.Deserialize<Shape>(ref reader, options);
        return shape is null ? null : new ReevaluationRequest(shape.Month ?? string.Empty, shape.Admins ?? [])
        {
            UseConfiguredSettings = shape.UseConfiguredSettings,
            BatchSize = shape.BatchSize,
            MaxParallelBatches = shape.MaxParallelBatches,
            PageSize = shape.PageSize,
            ActivityMaxAttempts = shape.ActivityMaxAttempts,
            ActivityFirstRetryInterval = shape.ActivityFirstRetryInterval,
            Continuation = shape.Continuation,
            Totals = shape.Totals,
        };
    }

    public override void Write(Utf8JsonWriter writer, ReevaluationRequest value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, new Shape
        {
            Month = value.Month,
            Admins = [.. value.Admins],
            UseConfiguredSettings = value.UseConfiguredSettings,
            BatchSize = value.BatchSize,
            MaxParallelBatches = value.MaxParallelBatches,
            PageSize = value.PageSize,
            ActivityMaxAttempts = value.ActivityMaxAttempts,
            ActivityFirstRetryInterval = value.ActivityFirstRetryInterval,
            Continuation = value.Continuation,
            Totals = value.Totals,
        }, options);

    /// <summary>The request's JSON shape (the converter cannot deserialize the record itself without recursing).</summary>
    private sealed class Shape
    {
        public string? Month { get; set; }

        public List<string>? Admins { get; set; }

        public bool UseConfiguredSettings { get; set; }

        public int BatchSize { get; set; } = ReevaluationOptions.DefaultBatchSize;

        public int MaxParallelBatches { get; set; } = ReevaluationOptions.DefaultMaxParallelBatches;

        public int PageSize { get; set; } = ReevaluationOptions.DefaultPageSize;

        public int ActivityMaxAttempts { get; set; } = 5;

        public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

        public string? Continuation { get; set; }

        public ReevaluationSummary? Totals { get; set; }
    }
}
