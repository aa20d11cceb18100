using System.Net;
using System.Text.Json;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

public sealed class InstanceApiTests : IClassFixture<DurableFixture>
{
    private const string Operator = "ops@cosell.example";
    private const string TerminateBody = "{\"reason\":\"Reviewer left the company\",\"terminatedBy\":\"" + Operator + "\"}";
    private readonly DurableFixture _durable;

    public InstanceApiTests(DurableFixture durable) => _durable = durable;

    public static TheoryData<string> BadIds => new(
        "cosell-contoso", "cosell-contoso.analytics", "cosell-contoso.analytics-0", "cosell-contoso.analytics-01",
        "cosell-Contoso.analytics-1", "cosell-contoso.analytics-1x", "cosell-.analytics-1", "reeval-2026-13", "reeval-26-08",
        "other-2026-08", "COSELL-contoso.analytics-1");

    [Fact]
    public async Task GetInstance_WaitingReview_ShowsStateAndCustomStatusButNeverTheInput()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string id = await ReviewInstances.StartWaitingAsync(_durable, ReviewInstances.UniqueOfferId());

        HttpResponseMessage response = await app.Admin().GetAsync($"/api/admin/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal((id, "Review", "Running"), (body.GetProperty("id").GetString(), body.GetProperty("kind").GetString(), body.GetProperty("runtimeStatus").GetString()));
        Assert.Equal("AwaitingReview", body.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.False(body.TryGetProperty("input", out _));
        string text = body.ToString();
        Assert.DoesNotContain("ana@contoso.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewInstances.SubmittedBy, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstance_Reevaluation_ShowsKindAndOutput()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        await app.Admin().PostAsync("/api/admin/reevaluations/2091-03", null);
        await _durable.WaitForCompletionAsync("reeval-2091-03");

        JsonElement body = await (await app.Admin().GetAsync("/api/admin/instances/reeval-2091-03")).ReadJsonAsync();

        Assert.Equal(("Reevaluation", "Completed"), (body.GetProperty("kind").GetString(), body.GetProperty("runtimeStatus").GetString()));
        Assert.Equal("re-evaluated 2091-03", body.GetProperty("output").GetString());
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task InstanceRoutes_MalformedId_400NamingInstanceIdAndNothingCalled(string badId)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpClient admin = app.Admin();
        string path = "/api/admin/instances/" + Uri.EscapeDataString(badId);

        HttpResponseMessage[] responses =
        [
            await admin.GetAsync(path),
            await admin.PostAsync(path + "/terminate", ApiTestApp.Json(TerminateBody)),
            await admin.DeleteAsync(path),
        ];

        foreach (HttpResponseMessage response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["instanceId"], await response.ProblemFieldsAsync());
        }

        Assert.Equal(0, app.History.Count);
    }

    [Fact]
    public async Task InstanceRoutes_UnknownInstance_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpClient admin = app.Admin();
        string path = "/api/admin/instances/" + WorkflowNames.ReviewInstanceId("contoso", ReviewInstances.UniqueOfferId(), 1);

        HttpResponseMessage[] responses =
        [
            await admin.GetAsync(path),
            await admin.PostAsync(path + "/terminate", ApiTestApp.Json(TerminateBody)),
            await admin.DeleteAsync(path),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(0, app.History.Count);
    }

    [Fact]
    public async Task TerminateInstance_WaitingReview_202TerminatedWithReasonAndOneHistoryEntry()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = ReviewInstances.UniqueOfferId();
        string id = await ReviewInstances.StartWaitingAsync(_durable, offerId);

        HttpResponseMessage response = await app.Admin().PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(TerminateBody));
        OrchestrationMetadata done = await _durable.WaitForCompletionAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"http://localhost/api/admin/instances/{id}", response.Headers.Location!.ToString());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        InstanceTermination output = done.ReadOutputAs<InstanceTermination>()!;
        Assert.Equal(("Reviewer left the company", Operator, TestData.Now), (output.Reason, output.TerminatedBy, output.TerminatedAt));
        HistoryEntry entry = Assert.Single(await app.History.ListAsync("contoso", offerId));
        Assert.Equal((HistoryKind.ReviewTerminated, Operator, id, InstanceHandlers.TerminationEntryId(id)), (entry.Kind, entry.Actor, entry.InstanceId, entry.EntryId));
        Assert.Contains("Reviewer left the company", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateInstance_Repeated_OneHistoryEntryAnd409OnceFinished()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = ReviewInstances.UniqueOfferId();
        string id = await ReviewInstances.StartWaitingAsync(_durable, offerId);
        HttpClient admin = app.Admin();

        HttpResponseMessage first = await admin.PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(TerminateBody));
        HttpResponseMessage again = await admin.PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(TerminateBody));
        await _durable.WaitForCompletionAsync(id);
        HttpResponseMessage afterwards = await admin.PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(TerminateBody));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains(again.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict });
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
        await afterwards.ProblemFieldsAsync();
        Assert.Single(await app.History.ListAsync("contoso", offerId));
    }

    [Theory]
    [InlineData("{\"terminatedBy\":\"ops@cosell.example\"}", "reason")]
    [InlineData("{\"reason\":\"  \",\"terminatedBy\":\"ops@cosell.example\"}", "reason")]
    [InlineData("{\"reason\":\"Stuck\"}", "terminatedBy")]
    [InlineData("{\"reason\":\"Stuck\",\"terminatedBy\":\"not an address\"}", "terminatedBy")]
    [InlineData("{\"reason\":\"Stuck\",\"terminatedBy\":\"ops@cosell.example\",\"force\":true}", "force")]
    public async Task TerminateInstance_InvalidBody_400NamingTheFieldAndStillRunning(string json, string field)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string id = await ReviewInstances.StartWaitingAsync(_durable, ReviewInstances.UniqueOfferId());

        HttpResponseMessage response = await app.Admin().PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(0, app.History.Count);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _durable.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateInstance_ReasonTooLong_400()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string id = await ReviewInstances.StartWaitingAsync(_durable, ReviewInstances.UniqueOfferId());
        string json = JsonSerializer.Serialize(new { reason = new string('x', InstanceHandlers.MaxReasonLength + 1), terminatedBy = Operator });

        HttpResponseMessage response = await app.Admin().PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(json));

        Assert.Equal(["reason"], await response.ProblemFieldsAsync());
        Assert.Equal(0, app.History.Count);
    }

    [Fact]
    public async Task PurgeInstance_Running_409AndKept()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string id = await ReviewInstances.StartWaitingAsync(_durable, ReviewInstances.UniqueOfferId());

        HttpResponseMessage response = await app.Admin().DeleteAsync($"/api/admin/instances/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await response.ProblemFieldsAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _durable.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeInstance_Finished_200ThenGone()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string id = await ReviewInstances.StartFinishedAsync(_durable.Client, ReviewInstances.UniqueOfferId());
        HttpClient admin = app.Admin();

        HttpResponseMessage purged = await admin.DeleteAsync($"/api/admin/instances/{id}");
        HttpResponseMessage status = await admin.GetAsync($"/api/admin/instances/{id}");
        HttpResponseMessage again = await admin.DeleteAsync($"/api/admin/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        JsonElement body = await purged.ReadJsonAsync();
        Assert.Equal((id, 1), (body.GetProperty("id").GetString(), body.GetProperty("purgedInstanceCount").GetInt32()));
        Assert.Null(await _durable.Client.GetInstanceAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task PurgeInstance_ReviewOfTheCurrentDraft_409UntilThePartnerSavesANewerDraft()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = ReviewInstances.UniqueOfferId();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        string id = await ReviewInstances.StartFinishedAsync(_durable.Client, offerId);

        HttpResponseMessage refused = await app.Admin().DeleteAsync($"/api/admin/instances/{id}");
        app.Offers.Seed(TestData.Offer(offerId: offerId, draftVersion: 2));
        HttpResponseMessage purged = await app.Admin().DeleteAsync($"/api/admin/instances/{id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await refused.ProblemFieldsAsync();
        Assert.Contains("current draft", (await refused.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Null(await _durable.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task SubmitForReview_ThatReviewTerminated_SameDraftFindsTheTerminatedReviewAndStartsNothing()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = ReviewInstances.UniqueOfferId();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        string submissions = $"/api/partners/contoso/offers/{offerId}/submissions";
        string submit = "{\"submittedBy\":\"" + ReviewInstances.SubmittedBy + "\"}";
        HttpResponseMessage started = await app.Partner().PostAsync(submissions, ApiTestApp.Json(submit));
        string id = (await started.ReadJsonAsync()).GetProperty("id").GetString()!;
        await _durable.WaitForAwaitingReviewAsync(id);
        await app.Admin().PostAsync($"/api/admin/instances/{id}/terminate", ApiTestApp.Json(TerminateBody));
        await _durable.WaitForCompletionAsync(id);
        HttpResponseMessage purge = await app.Admin().DeleteAsync($"/api/admin/instances/{id}");

        HttpResponseMessage resubmitted = await app.Partner().PostAsync(submissions, ApiTestApp.Json(submit));

        Assert.Equal(HttpStatusCode.Conflict, purge.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        Assert.Equal(id, (await resubmitted.ReadJsonAsync()).GetProperty("id").GetString());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await _durable.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }
}
