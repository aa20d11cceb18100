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
/// What a batch returns: a count for every outcome, the details of grants and withdrawals (the partner e-mails need
/// them) and the issues (at most <see cref="ReevaluationSummary.MaxListedIssues"/> listed, the rest counted).
/// </summary>
/// <param name="Changes">Grants and withdrawals only.</param>
public sealed record ReevaluationBatchResult(
    int Unchanged,
    int MissingRevenue,
    int Errors,
    int Skipped,
    IReadOnlyList<OfferReevaluation> Changes,
    IReadOnlyList<ReevaluationIssue> Issues,
    int IssuesNotListed)
{
    /// <summary>Offers the batch evaluated: every outcome except skipped.</summary>
    [JsonIgnore]
    public int Evaluated => Unchanged + MissingRevenue + Errors + Changes.Count;

    /// <summary>Folds per-offer results into a batch result.</summary>
    public static ReevaluationBatchResult Of(IEnumerable<OfferReevaluation> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        int unchanged = 0, missing = 0, errors = 0, skipped = 0, notListed = 0;
        List<OfferReevaluation> changes = [];
        List<ReevaluationIssue> issues = [];
        foreach (OfferReevaluation result in results)
        {
            switch (result.Outcome)
            {
                case ReevaluationOutcome.Unchanged: unchanged++; break;
                case ReevaluationOutcome.Skipped: skipped++; break;
                case ReevaluationOutcome.Granted or ReevaluationOutcome.Withdrawn: changes.Add(result); break;
                case ReevaluationOutcome.MissingRevenue or ReevaluationOutcome.Error:
                    missing += result.Outcome == ReevaluationOutcome.MissingRevenue ? 1 : 0;
                    errors += result.Outcome == ReevaluationOutcome.Error ? 1 : 0;
                    if (issues.Count < ReevaluationSummary.MaxListedIssues)
                    {
                        issues.Add(new ReevaluationIssue(result.PartnerId, result.OfferId, result.Outcome, result.Reason ?? result.Outcome.ToString()));
                    }
                    else
                    {
                        notListed++;
                    }

                    break;
            }
        }

        return new ReevaluationBatchResult(unchanged, missing, errors, skipped, changes, issues, notListed);
    }
}
