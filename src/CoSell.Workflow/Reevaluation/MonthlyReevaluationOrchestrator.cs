using System.Globalization;
using CoSell.Workflow.Notifications;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CoSell.Workflow.Reevaluation;

/// <summary>
/// The monthly ACR TTM re-evaluation (<c>reeval-YYYY-MM</c>). Each generation lists one page of reviewed offer keys,
/// re-evaluates them in batches with at most <see cref="ReevaluationRequest.MaxParallelBatches"/> in flight, e-mails
/// each partner whose offers are all done once, then continues as new with the next continuation and the running
/// totals, so the history stays one page long. The last generation e-mails the admins and returns the summary.
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
        TaskOptions retry = RetryOptions(input);
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

        OfferKeyPage page = await context.CallActivityAsync<OfferKeyPage>(
            WorkflowNames.ListReviewedOffers, new ReevaluationPageRequest(input.Continuation, Math.Max(1, input.PageSize)), retry);
        tally.Pages++;
        List<OfferReevaluation> changes = [.. input.CarriedChanges];
        var inFlight = new List<(Task<IReadOnlyList<OfferReevaluation>> Task, OfferKey[] Offers)>(maxParallel);
        foreach (OfferKey[] batch in page.Keys.Chunk(batchSize))
        {
            if (inFlight.Count >= maxParallel)
            {
                await CompleteOneAsync();
            }

            inFlight.Add((context.CallActivityAsync<IReadOnlyList<OfferReevaluation>>(
                WorkflowNames.ReevaluateBatch, new ReevaluationBatchRequest(input.Month, context.InstanceId, at, batch), retry), batch));
        }

        while (inFlight.Count > 0)
        {
            await CompleteOneAsync();
        }

        string? openPartner = page.ContinuationToken is null ? null
            : page.Keys.Count > 0 ? page.Keys[^1].PartnerId
            : input.CarriedChanges.Count > 0 ? input.CarriedChanges[0].PartnerId : null;
        List<OfferReevaluation> carried = [.. changes.Where(c => c.PartnerId == openPartner)];
        await NotifyPartnersAsync(context, input.Month, [.. changes.Where(c => c.PartnerId != openPartner)], tally, maxParallel, retry);

        if (page.ContinuationToken is not null)
        {
            ReevaluationSummary running = tally.ToSummary();
            log.LogInformation("Re-evaluation {Month}: page {Page} done, {Evaluated} offers so far; continuing", input.Month, running.Pages, running.Evaluated);
            context.ContinueAsNew(input with { Continuation = page.ContinuationToken, Totals = running, CarriedChanges = carried });
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
            Task<IReadOnlyList<OfferReevaluation>> done = await Task.WhenAny(inFlight.Select(f => f.Task));
            int index = inFlight.FindIndex(f => f.Task == done);
            OfferKey[] offers = inFlight[index].Offers;
            inFlight.RemoveAt(index);
            IReadOnlyList<OfferReevaluation> results;
            try
            {
                results = await done;
            }
            catch (TaskFailedException ex)
            {
                string reason = $"The batch failed after retries; status kept. {ex.FailureDetails.ErrorMessage}";
                results = [.. offers.Select(o => new OfferReevaluation(o.PartnerId, o.OfferId, ReevaluationOutcome.Error, Reason: reason))];
            }

            tally.Add(results);
            tally.Batches++;
            changes.AddRange(results.Where(r => r.IsChange));
            context.SetCustomStatus(tally.Progress(completed: false));
        }
    }

    private static async Task NotifyPartnersAsync(
        TaskOrchestrationContext context, string month, List<OfferReevaluation> changes, Tally tally, int maxParallel, TaskOptions retry)
    {
        var mails = new List<(string PartnerId, NotificationRequest Request)>();
        foreach (IGrouping<string, OfferReevaluation> partner in changes.GroupBy(c => c.PartnerId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            List<string> to = [.. partner.Select(c => c.PartnerEmail).OfType<string>().Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
            if (to.Count == 0)
            {
                tally.Issue(new ReevaluationIssue(partner.Key, null, ReevaluationOutcome.Error, "No partner e-mail address is on file; the partner was not notified."));
                continue;
            }

            EmailContent mail = ReevaluationEmails.PartnerChanges(month, partner.Key, [.. partner]);
            mails.Add((partner.Key, new NotificationRequest(context.InstanceId, PartnerStep(partner.Key), to, mail.Subject, mail.PlainText, mail.Html)));
        }

        foreach ((string PartnerId, NotificationRequest Request)[] wave in mails.Chunk(maxParallel))
        {
            Task<NotificationReceipt>[] sends = [.. wave.Select(m => context.CallActivityAsync<NotificationReceipt>(WorkflowNames.SendNotification, m.Request, retry))];
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

    private static TaskOptions RetryOptions(ReevaluationRequest input)
    {
        TimeSpan first = input.ActivityFirstRetryInterval > TimeSpan.Zero ? input.ActivityFirstRetryInterval : TimeSpan.FromSeconds(5);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            Math.Max(1, input.ActivityMaxAttempts), first, backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(10))
        {
            HandleFailure = ReviewOrchestration.IsTransient,
        });
    }

    /// <summary>Running figures of one generation, seeded from the previous generations' totals.</summary>
    private sealed class Tally(ReevaluationSummary start)
    {
        private readonly List<ReevaluationIssue> issues = [.. start.Issues];
        private int evaluated = start.Evaluated;
        private int granted = start.Granted;
        private int withdrawn = start.Withdrawn;
        private int unchanged = start.Unchanged;
        private int missingRevenue = start.MissingRevenue;
        private int errors = start.Errors;
        private int skipped = start.Skipped;
        private int issuesNotListed = start.IssuesNotListed;

        public int PartnersNotified { get; set; } = start.PartnersNotified;

        public int Pages { get; set; } = start.Pages;

        public int Batches { get; set; } = start.Batches;

        public void Add(IEnumerable<OfferReevaluation> results)
        {
            foreach (OfferReevaluation result in results)
            {
                evaluated += result.Outcome == ReevaluationOutcome.Skipped ? 0 : 1;
                switch (result.Outcome)
                {
                    case ReevaluationOutcome.Granted: granted++; break;
                    case ReevaluationOutcome.Withdrawn: withdrawn++; break;
                    case ReevaluationOutcome.Unchanged: unchanged++; break;
                    case ReevaluationOutcome.Skipped: skipped++; break;
                    case ReevaluationOutcome.MissingRevenue:
                        missingRevenue++;
                        Issue(new ReevaluationIssue(result.PartnerId, result.OfferId, result.Outcome, result.Reason ?? "No revenue row."));
                        break;
                    case ReevaluationOutcome.Error:
                        errors++;
                        Issue(new ReevaluationIssue(result.PartnerId, result.OfferId, result.Outcome, result.Reason ?? "Unknown error."));
                        break;
                }
            }
        }

        public void Issue(ReevaluationIssue issue)
        {
            if (issues.Count < ReevaluationSummary.MaxListedIssues)
            {
                issues.Add(issue);
            }
            else
            {
                issuesNotListed++;
            }
        }

        public ReevaluationProgress Progress(bool completed)
            => new(start.Month, Pages, Batches, evaluated, granted, withdrawn, completed);

        public ReevaluationSummary ToSummary() => new(
            start.Month, evaluated, granted, withdrawn, unchanged, missingRevenue, errors, skipped, PartnersNotified, Pages, Batches, [.. issues], issuesNotListed);
    }
}
