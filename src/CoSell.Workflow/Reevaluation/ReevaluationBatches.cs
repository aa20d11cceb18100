using System.Text.Json.Serialization;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// Input of <see cref="WorkflowNames.ListOrganisations"/>: list up to <paramref name="PageSize"/> organisations of the
/// month's revenue feed after <paramref name="After"/>, cut into batches of <paramref name="BatchSize"/>.
/// </summary>
/// <param name="After">The last organisation of the previous page; null for the first page.</param>
public sealed record ReevaluationPageRequest(string Month, string? After, int PageSize, int BatchSize);

/// <summary>
/// One page of organisations as contiguous ranges of one batch each: each range starts after the previous one's last
/// organisation, and the last range of the last page has no upper bound, so every partner, with a revenue row or
/// without, falls into exactly one range of the run. The page passes bounds, never lists of offers.
/// </summary>
/// <param name="Continuation">The page's last organisation when more may follow; null on the last page.</param>
public sealed record ReevaluationPage(IReadOnlyList<OrganisationRange> Batches, string? Continuation);

/// <summary>Input of <see cref="WorkflowNames.ReevaluateBatch"/>: the batch reads its partners' offers and revenue rows itself.</summary>
/// <param name="InstanceId">The run (<c>reeval-YYYY-MM</c>); stored in the snapshot so a rerun recognises its own write.</param>
/// <param name="At">The time the run records (from the orchestration clock, so a retry records the same).</param>
public sealed record ReevaluationBatchRequest(string Month, string InstanceId, DateTimeOffset At, OrganisationRange Organisations);

/// <summary>
/// What a batch returns: a count for every outcome and the issues (at most <see cref="ReevaluationSummary.MaxListedIssues"/>
/// listed, the rest counted). The batch e-mails its partners itself (their offers are all in it), so only the changes
/// of partners whose e-mail should be tried again travel back (<see cref="Unmailed"/>).
/// </summary>
public sealed record ReevaluationBatchResult(
    int Unchanged,
    int Granted,
    int Withdrawn,
    int MissingRevenue,
    int Errors,
    int Skipped,
    int PartnersNotified,
    IReadOnlyList<PartnerChanges> Unmailed,
    IReadOnlyList<ReevaluationIssue> Issues,
    int IssuesNotListed)
{
    /// <summary>Offers the batch evaluated: every outcome except skipped.</summary>
    [JsonIgnore]
    public int Evaluated => Unchanged + Granted + Withdrawn + MissingRevenue + Errors;
}

/// <summary>Folds the outcomes of a batch's partners into its result.</summary>
internal sealed class BatchTally
{
    private readonly List<PartnerChanges> unmailed = [];
    private readonly ListedIssues issues = new();
    private int unchanged, granted, withdrawn, missing, errors, skipped, notified;

    public void Add(OfferReevaluation result)
    {
        switch (result.Outcome)
        {
            case ReevaluationOutcome.Unchanged: unchanged++; break;
            case ReevaluationOutcome.Skipped: skipped++; break;
            case ReevaluationOutcome.Granted: granted++; break;
            case ReevaluationOutcome.Withdrawn: withdrawn++; break;
            case ReevaluationOutcome.MissingRevenue:
                missing++;
                Issue(new ReevaluationIssue(result.PartnerId, result.OfferId, result.Outcome, result.Reason ?? "No revenue row."));
                break;
            case ReevaluationOutcome.Error:
                errors++;
                Issue(new ReevaluationIssue(result.PartnerId, result.OfferId, result.Outcome, result.Reason ?? "Unknown error."));
                break;
        }
    }

    public void Mailed(PartnerChanges partner, PartnerEmailOutcome outcome, string? failure)
    {
        switch (outcome)
        {
            case PartnerEmailOutcome.Sent: notified++; break;
            case PartnerEmailOutcome.Retry: unmailed.Add(partner); break;
            default: Issue(new ReevaluationIssue(partner.PartnerId, null, ReevaluationOutcome.Error, $"The partner e-mail failed: {failure}")); break;
        }
    }

    public void Issue(ReevaluationIssue issue) => issues.Add(issue);

    public ReevaluationBatchResult ToResult() => new(unchanged, granted, withdrawn, missing, errors, skipped, notified, [.. unmailed], issues.ToArray(), issues.NotListed);
}

/// <summary>
/// The issues a batch or a run reports: the first <see cref="ReevaluationSummary.MaxListedIssues"/> listed, any further
/// ones only counted, so results and the orchestration history stay small.
/// </summary>
internal sealed class ListedIssues(IEnumerable<ReevaluationIssue>? listed = null, int notListed = 0)
{
    private readonly List<ReevaluationIssue> issues = [.. listed ?? []];

    public int NotListed { get; private set; } = notListed;

    public void Add(ReevaluationIssue issue)
    {
        if (issues.Count < ReevaluationSummary.MaxListedIssues)
        {
            issues.Add(issue);
        }
        else
        {
            NotListed++;
        }
    }

    /// <summary>Another tally's issues: its listed ones added in order, its unlisted count carried over.</summary>
    public void AddAll(IEnumerable<ReevaluationIssue> listed, int notListed)
    {
        foreach (ReevaluationIssue issue in listed)
        {
            Add(issue);
        }

        NotListed += notListed;
    }

    public ReevaluationIssue[] ToArray() => [.. issues];
}
