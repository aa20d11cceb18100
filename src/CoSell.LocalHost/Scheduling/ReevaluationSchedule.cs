using System.Globalization;
using Cronos;

namespace CoSell.LocalHost.Scheduling;

/// <summary>Settings of the monthly re-evaluation (section <c>CoSell</c>, the same key the Functions timer reads).</summary>
public sealed class ReevaluationScheduleOptions
{
    public const string Section = "CoSell";

    /// <summary>Six-field CRON, seconds first, UTC. Default: 03:00:00 UTC on the 1st of every month.</summary>
    public string ReevaluationSchedule { get; set; } = ReevaluationScheduleDefaults.Cron;

    /// <summary>Switch the local scheduler off (tests and demos that start runs by hand).</summary>
    public bool ReevaluationSchedulerEnabled { get; set; } = true;
}

public static class ReevaluationScheduleDefaults
{
    public const string Cron = "0 0 3 1 * *";
}

/// <summary>
/// When the monthly re-evaluation fires and what its run is called. A firing is named after the month it
/// fires in (UTC): the run at 03:00 on 1 December is <c>reeval-2026-12</c>. The name identifies the run,
/// so a re-fire in the same month finds it; which revenue month the run reads is the orchestration's business
/// (the latest feed each organisation has).
/// </summary>
public sealed class ReevaluationSchedule
{
    readonly CronExpression expression;

    ReevaluationSchedule(CronExpression expression, string text)
    {
        this.expression = expression;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses a six-field CRON (seconds first); throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static ReevaluationSchedule Parse(string cron)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        if (cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            throw new FormatException($"'{cron}' is not a six-field CRON (second minute hour day month day-of-week).");
        }

        try
        {
            return new ReevaluationSchedule(CronExpression.Parse(cron, CronFormat.IncludeSeconds), cron);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"'{cron}' is not a valid CRON: {e.Message}", e);
        }
    }

    /// <summary>The first firing strictly after <paramref name="now"/> (UTC), or null if the expression never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset now)
    {
        DateTime? next = expression.GetNextOccurrence(now.UtcDateTime, inclusive: false);
        return next is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }

    /// <summary>"YYYY-MM" of the firing time in UTC.</summary>
    public static string MonthOf(DateTimeOffset firing) => firing.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
