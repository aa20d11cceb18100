using System.Text.RegularExpressions;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Orchestration;

/// <summary>Shared arrange/act steps of the orchestration tests.</summary>
internal static partial class ReviewScenario
{
    public static readonly DateTimeOffset DecidedAt = new(2026, 11, 3, 14, 30, 0, TimeSpan.Zero);

    /// <summary>Seeds the offer row (the draft the partner saved) and revenue that qualifies for the Azure IP track.</summary>
    public static async Task<Submission> ArrangeIncentivizableOfferAsync(WorkflowHost host, SubmissionBuilder? builder = null)
    {
        Submission submission = (builder ?? SubmissionBuilder.ValidIp()).Build();
        host.Offers.Seed(new OfferRecord(submission.Offer, submission.Materials, submission.DraftVersion, Reviews.SubmittedAt, Current: null, ETag: null));
        await host.Revenue.ImportAsync("2026-10", [Organisations.WithAcr(submission.Offer.PartnerId, 150_000m)]);
        return submission;
    }

    public static async Task<CoSellOutcome> CompleteAsync(WorkflowHost host, string instanceId)
    {
        OrchestrationMetadata metadata = await host.WaitForCompletionAsync(instanceId);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Orchestration ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        return metadata.ReadOutputAs<CoSellOutcome>()!;
    }

    public static async Task<OfferStatusSnapshot> CurrentStatusAsync(WorkflowHost host, Submission submission)
    {
        OfferRecord? record = await host.Offers.GetAsync(submission.Offer.PartnerId, submission.Offer.OfferId);
        Assert.NotNull(record?.Current);
        return record.Current;
    }

    /// <summary>The signed token inside a reviewer e-mail's link.</summary>
    public static string TokenIn(NotificationRequest mail)
    {
        Match match = ReviewLink().Match(mail.PlainText);
        Assert.True(match.Success, "The reviewer e-mail has no review link.");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    /// <summary>Every payload the worker handed to the engine for the history, as one text.</summary>
    public static string EngineHistoryText(WorkflowHost host) => string.Join('\n', host.Payloads.Payloads);

    [GeneratedRegex(@"https://cosell\.example\.com/review/(?<token>[^\s""<]+)")]
    private static partial Regex ReviewLink();
}
