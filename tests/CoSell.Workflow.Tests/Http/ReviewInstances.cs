using CoSell.Workflow.Messages;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

/// <summary>Reviews started straight on the in-memory engine (stand-in orchestrator of <see cref="DurableFixture"/>), for the admin routes to act on.</summary>
internal static class ReviewInstances
{
    public const string SubmittedBy = "pm@contoso.example";

    /// <summary>Schedules a review of draft 1 of contoso/<paramref name="offerId"/> and returns its id at once.</summary>
    public static async Task<string> StartAsync(DurableTaskClient client, string offerId)
    {
        string id = WorkflowNames.ReviewInstanceId("contoso", offerId, 1);
        var input = new ReviewRequest(TestData.Offer(offerId: offerId).ToSubmission(), SubmittedBy, TestData.Now);
        await client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.CoSellReview, input, new StartOrchestrationOptions(id));
        return id;
    }

    /// <summary>A review waiting for the reviewer (its custom status is set).</summary>
    public static async Task<string> StartWaitingAsync(DurableFixture durable, string offerId)
    {
        string id = await StartAsync(durable.Client, offerId);
        await durable.WaitForAwaitingReviewAsync(id);
        return id;
    }

    /// <summary>A review the reviewer approved: Completed.</summary>
    public static async Task<string> StartFinishedAsync(DurableTaskClient client, string offerId)
    {
        string id = await StartAsync(client, offerId);
        await client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve(ApiTestApp.Reviewer, TestData.Now));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return id;
    }

    /// <summary>An offer id no other test in this process uses (the Durable host is shared by a test class).</summary>
    public static string UniqueOfferId() => "mg-" + Guid.NewGuid().ToString("N")[..12];
}
