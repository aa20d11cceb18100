using System.Globalization;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// The monthly ACR TTM re-evaluation (<c>reeval-YYYY-MM</c>). Each generation lists one page of the month's
/// organisations (the revenue feed) as contiguous ranges, re-evaluates the ranges' partners' reviewed offers in batches
/// with at most <see cref="ReevaluationRequest.MaxParallelBatches"/> in flight (each batch reads its own rows, writes the
/// changes, e-mails its affected partners and returns counts), sends again, with the retry policy, any partner e-mail a
/// batch could not send, then continues as new with the page's last organisation and the running totals, so the history
/// stays one page long and small. The last generation e-mails the admins and returns the summary.
/// </summary>
public sealed class MonthlyReevaluationOrchestrator : TaskOrchestrator<ReevaluationRequest, ReevaluationSummary>
{
    /// <summary>Notification step of the admin summary (instance <c>reeval-YYYY-MM</c>).</summary>
    public const string AdminSummaryStep = "admin-summary";

    /// <summary>Notification step of a partner's e-mail: one per partner and month.</summary>
    public static string PartnerStep(string partnerId) => $"partner-{partnerId}";

    public override async Task<ReevaluationSummary> RunAsync(TaskOrchestrationContext context, ReevaluationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (!DateTime.TryParseExact(input.Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ArgumentException($"'{input.Month}' is not a month: use YYYY-MM.", nameof(input));
        }

        ILogger log = context.CreateReplaySafeLogger<MonthlyReevaluationOrchestrator>();
        TaskOptions retry = ReviewOrchestration.RetryOptions(input.ActivityMaxAttempts, input.ActivityFirstRetryInterval);
        if (input.UseConfiguredSettings)
        {
            ReevaluationSettings settings = await context.CallActivityAsync<ReevaluationSettings>(WorkflowNames.ReadReevaluationSettings, input.Month, retry);
            input = input with
            {
                UseConfiguredSettings = false,
                Admins = settings.Admins,
                BatchSize = settings.BatchSize,
                MaxParallelBatches = settings.MaxParallelBatches,
                PageSize = settings.PageSize,
            };
        }

        int batchSize = Math.Max(1, input.BatchSize);
        int maxParallel = Math.Max(1, input.MaxParallelBatches);
        var tally = new Tally(input.Totals ?? ReevaluationSummary.Empty(input.Month));
        DateTimeOffset at = new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

        ReevaluationPage page = await context.CallActivityAsync<ReevaluationPage>(
            WorkflowNames.ListOrganisations, new ReevaluationPageRequest(input.Month, input.Continuation, Math.Max(1, input.PageSize), batchSize), retry);
        tally.Pages++;
        List<PartnerChanges> unmailed = [];
        var inFlight = new List<(Task<ReevaluationBatchResult> Task, OrganisationRange Organisations)>(maxParallel);
        foreach (OrganisationRange batch in page.Batches)
        {
            if (inFlight.Count >= maxParallel)
            {
                await CompleteOneAsync();
            }

            inFlight.Add((context.CallActivityAsync<ReevaluationBatchResult>(
                WorkflowNames.ReevaluateBatch, new ReevaluationBatchRequest(input.Month, context.InstanceId, at, batch), retry), batch));
        }

        while (inFlight.Count > 0)
        {
            await CompleteOneAsync();
        }

        await SendAgainAsync(context, input.Month, unmailed, tally, maxParallel, retry);

        if (page.Continuation is not null)
        {
            ReevaluationSummary running = tally.ToSummary();
            log.LogInformation("Re-evaluation {Month}: page {Page} done, {Evaluated} offers so far; continuing", input.Month, running.Pages, running.Evaluated);
            context.ContinueAsNew(input with { Continuation = page.Continuation, Totals = running });
            return running;
        }

        ReevaluationSummary summary = tally.ToSummary();
        log.LogInformation(
            "Re-evaluation {Month} complete: {Evaluated} evaluated, {Granted} granted, {Withdrawn} withdrawn, {MissingRevenue} missing revenue, {Errors} errors",
            summary.Month, summary.Evaluated, summary.Granted, summary.Withdrawn, summary.MissingRevenue, summary.Errors);
        List<string> admins = [.. input.Admins.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase)];
        if (admins.Count > 0)
        {
            EmailContent mail = ReevaluationEmails.AdminSummary(summary);
            await context.CallActivityAsync<NotificationReceipt>(
                WorkflowNames.SendNotification,
                new NotificationRequest(context.InstanceId, AdminSummaryStep, admins, mail.Subject, mail.PlainText, mail.Html),
                retry);
        }

        context.SetCustomStatus(tally.Progress(completed: true));
        return summary;

        async Task CompleteOneAsync()
        {
            Task<ReevaluationBatchResult> done = await Task.WhenAny(inFlight.Select(f => f.Task));
            int index = inFlight.FindIndex(f => f.Task == done);
            OrganisationRange organisations = inFlight[index].Organisations;
            inFlight.RemoveAt(index);
            try
            {
                ReevaluationBatchResult result = await done;
                tally.Add(result);
                unmailed.AddRange(result.Unmailed);
            }
            catch (TaskFailedException ex)
            {
                tally.BatchFailed(organisations, $"The batch of organisations {organisations} failed after retries: {ex.FailureDetails.ErrorMessage} Offers it had not written keep their status; purging reeval-{input.Month} and starting the month again re-evaluates them and reports any it wrote.");
            }

            tally.Batches++;
            context.SetCustomStatus(tally.Progress(completed: false));
        }
    }

    /// <summary>
    /// The partner e-mails a batch could not send (a transient failure), one activity each with the retry policy, at
    /// most <paramref name="maxParallel"/> at once; the outbox skips any that went out after all.
    /// </summary>
    private static async Task SendAgainAsync(
        TaskOrchestrationContext context, string month, List<PartnerChanges> partners, Tally tally, int maxParallel, TaskOptions retry)
    {
        foreach (PartnerChanges[] wave in partners.OrderBy(p => p.PartnerId, StringComparer.Ordinal).Chunk(maxParallel))
        {
            Task<NotificationReceipt>[] sends = [.. wave.Select(p => context.CallActivityAsync<NotificationReceipt>(
                WorkflowNames.SendNotification, p.ToNotification(context.InstanceId, month), retry))];
            for (int i = 0; i < wave.Length; i++)
            {
                try
                {
                    await sends[i];
                    tally.PartnersNotified++;
                }
                catch (TaskFailedException ex)
                {
                    tally.Issue(new ReevaluationIssue(wave[i].PartnerId, null, ReevaluationOutcome.Error, $"The partner e-mail failed after retries: {ex.FailureDetails.ErrorMessage}"));
                }
            }
        }
    }

    /// <summary>Running figures of one generation, seeded from the previous generations' totals.</summary>
    private sealed class Tally(ReevaluationSummary start)
    {
        private readonly ListedIssues issues = new(start.Issues, start.IssuesNotListed);
        private int evaluated = start.Evaluated;
        private int granted = start.Granted;
        private int withdrawn = start.Withdrawn;
        private int unchanged = start.Unchanged;
        private int missingRevenue = start.MissingRevenue;
        private int errors = start.Errors;
        private int skipped = start.Skipped;
        private int batchesFailed = start.BatchesFailed;

        public int PartnersNotified { get; set; } = start.PartnersNotified;

        public int Pages { get; set; } = start.Pages;

        public int Batches { get; set; } = start.Batches;

        public void Add(ReevaluationBatchResult result)
        {
            evaluated += result.Evaluated;
            granted += result.Granted;
            withdrawn += result.Withdrawn;
            unchanged += result.Unchanged;
            missingRevenue += result.MissingRevenue;
            errors += result.Errors;
            skipped += result.Skipped;
            PartnersNotified += result.PartnersNotified;
            issues.AddAll(result.Issues, result.IssuesNotListed);
        }

        /// <summary>A batch that kept failing: counted, and listed as one issue (its offers were not counted, so not evaluated).</summary>
        public void BatchFailed(OrganisationRange organisations, string reason)
        {
            batchesFailed++;
            Issue(new ReevaluationIssue(organisations.First ?? organisations.After ?? "(all)", null, ReevaluationOutcome.Error, reason));
        }

        public void Issue(ReevaluationIssue issue) => issues.Add(issue);

        public ReevaluationProgress Progress(bool completed)
            => new(start.Month, Pages, Batches, evaluated, granted, withdrawn, completed);

        public ReevaluationSummary ToSummary() => new(
            start.Month, evaluated, granted, withdrawn, unchanged, missingRevenue, errors, skipped, PartnersNotified, Pages, Batches, issues.ToArray(), issues.NotListed, batchesFailed);
    }
}
