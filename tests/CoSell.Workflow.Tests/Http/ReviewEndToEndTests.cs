using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoSell.Domain;
using CoSell.Workflow.Activities;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Workflow.Tests.Http;

/// <summary>
/// The HTTP handlers driving the product's real orchestration (CoSellTasks on the in-memory engine):
/// draft → documents → contacts → submit → reviewer page from the e-mailed link → approve → status.
/// </summary>
public sealed partial class ReviewEndToEndTests
{
    private const string Offer = "/api/partners/contoso/offers/analytics";

    [Fact]
    public async Task ReviewAndPublish_ApprovedFromTheEmailedLink_StatusIsCoSellReadyWithReasons()
    {
        await using WorkflowHost workflow = await WorkflowHost.StartAsync();
        await using ApiTestApp app = await ApiTestApp.StartAsync(workflow.Client, overrides: services =>
        {
            services.AddSingleton<IOfferStore>(workflow.Offers);
            services.AddSingleton<IHistoryStore>(workflow.History);
            services.AddSingleton<IReviewTokenStore>(workflow.Tokens);
            services.AddSingleton<ICollateralStore>(workflow.Collateral);
            services.AddSingleton<IRevenueStore>(workflow.Revenue);
            services.AddSingleton<IReviewLinkSigner>(workflow.Signer);
            services.Configure<ReviewOptions>(o => o.Reviewers = [Reviews.Reviewer]);
            services.AddSingleton(TimeProvider.System);
        });
        HttpClient partner = app.Partner();

        Assert.Equal(HttpStatusCode.Created, (await partner.PutAsync(Offer, ApiTestApp.Json(TestData.DraftBody().ToJsonString()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/one-pager.pdf", [0x25, 0x50, 0x44, 0x46]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.PutAsync(Offer + "/contacts", ApiTestApp.Csv("Name,Email,Job title,Role,Countries\nAna,ana@contoso.example,Seller,Sales,US;CA\n"))).StatusCode);
        HttpResponseMessage submitted = await partner.PostAsync(Offer + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string instanceId = (await submitted.ReadJsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal(WorkflowNames.ReviewInstanceId("contoso", "analytics", 3), instanceId);
        await workflow.WaitForStageAsync(instanceId, ReviewProgress.AwaitingReview);
        NotificationRequest email = Assert.Single(workflow.Notifier.ForStep(NotificationSteps.ReviewerLink(1, reminder: false)));
        string token = ReviewLink().Match(email.PlainText).Groups[1].Value;

        HttpResponseMessage page = await app.Anonymous().GetAsync($"/review/{token}");
        string html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Contoso Analytics", html, StringComparison.Ordinal);
        Assert.Contains("Proposed status: <strong>Co-sell ready</strong>", html, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await workflow.Client.GetInstanceAsync(instanceId))!.RuntimeStatus);

        HttpResponseMessage decided = await app.Anonymous().PostAsync($"/review/{token}", new FormUrlEncodedContent([KeyValuePair.Create("decision", "approve")]));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        OrchestrationMetadata done = await workflow.WaitForCompletionAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        JsonElement status = await (await partner.GetAsync(Offer + "/status")).ReadJsonAsync();
        Assert.Equal("CoSellReady", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("reviewInProgress").GetBoolean());
        Assert.All(status.GetProperty("requirements").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        JsonElement submission = await (await partner.GetAsync(Offer + "/submissions/3")).ReadJsonAsync();
        Assert.Equal("Approved", submission.GetProperty("output").GetProperty("resolution").GetString());
        JsonElement history = await (await partner.GetAsync(Offer + "/history")).ReadJsonAsync();
        string[] kinds = [.. history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];
        Assert.Equal(nameof(HistoryKind.DraftSaved), kinds[0]);
        Assert.Contains(nameof(HistoryKind.Submitted), kinds);
        Assert.Contains(nameof(HistoryKind.Reviewed), kinds);
    }

    [GeneratedRegex(@"/review/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex ReviewLink();
}
