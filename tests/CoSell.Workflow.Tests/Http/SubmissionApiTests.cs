using System.Net;
using System.Text.Json;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

public sealed class SubmissionApiTests : IClassFixture<DurableFixture>
{
    private readonly DurableFixture _durable;

    public SubmissionApiTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task Submit_ValidDraft_202WithOwnStatusUrlsAndStartsTheReview()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId, draftVersion: 3));

        HttpResponseMessage response = await app.Partner().PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        string id = WorkflowNames.ReviewInstanceId("contoso", offerId, 3);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal($"http://localhost{Url(offerId)}/submissions/3", body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://localhost{Url(offerId)}/status", body.GetProperty("offerStatusUri").GetString());
        Assert.Equal($"http://localhost{Url(offerId)}/history", body.GetProperty("historyUri").GetString());
        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location!.ToString());
        Assert.Equal(["id", "draftVersion", "statusQueryGetUri", "offerStatusUri", "historyUri"], body.EnumerateObject().Select(p => p.Name));
        string raw = body.ToString();
        Assert.DoesNotContain("runtime/webhooks", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", raw, StringComparison.OrdinalIgnoreCase);

        OrchestrationMetadata instance = (await _durable.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        ReviewRequest input = instance.ReadInputAs<ReviewRequest>()!;
        Assert.Equal("pm@contoso.example", input.SubmittedBy);
        Assert.Equal(3, input.Submission.DraftVersion);
        Assert.Equal(app.Time.Now, input.SubmittedAt);
        Assert.Equal([ApiTestApp.Reviewer], input.Policy.Reviewers);
        Assert.Equal(TimeSpan.FromDays(7), input.Policy.ExpireAfter);
        Assert.Equal(WorkflowNames.CoSellReview, instance.Name);
    }

    [Fact]
    public async Task Submit_Twice_OneInstanceAndTheSame202Payload()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        HttpClient client = app.Partner();

        HttpResponseMessage first = await client.PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
        OrchestrationMetadata started = (await _durable.Client.GetInstanceAsync(WorkflowNames.ReviewInstanceId("contoso", offerId, 1)))!;
        app.Time.Now = app.Time.Now.AddMinutes(5);
        HttpResponseMessage second = await client.PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"someone-else@contoso.example\"}"));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        OrchestrationMetadata after = (await _durable.Client.GetInstanceAsync(started.InstanceId, getInputsAndOutputs: true))!;
        Assert.Equal("pm@contoso.example", after.ReadInputAs<ReviewRequest>()!.SubmittedBy);
        Assert.InRange((after.CreatedAt - started.CreatedAt).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)); // the in-memory host reports CreatedAt with microsecond jitter; a restart would be a whole HTTP round trip later
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"submittedBy\":\"not-an-address\"}")]
    [InlineData("{\"submittedBy\":42}")]
    [InlineData("{\"submittedBy\":null}")]
    public async Task Submit_MissingOrBadSubmittedBy_400NamingItAndNoInstance(string json)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));

        HttpResponseMessage response = await app.Partner().PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["submittedBy"], await response.ProblemFieldsAsync());
        Assert.Null(await _durable.Client.GetInstanceAsync(WorkflowNames.ReviewInstanceId("contoso", offerId, 1)));
    }

    [Fact]
    public async Task Submit_ContradictoryDraft_400WithEveryErrorAndNoInstance()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        OfferRecord record = TestData.Offer(offerId: offerId);
        app.Offers.Seed(record with
        {
            Offer = record.Offer with { RepeatableIpShare = 1.5m },
            Materials = record.Materials with { Contacts = [new SalesContact("Ana", "ana@contoso.example", null, null, ["XX"])] },
        });

        HttpResponseMessage response = await app.Partner().PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        IReadOnlyList<string> fields = await response.ProblemFieldsAsync();
        Assert.Contains("offer.repeatableIpShare", fields);
        Assert.Contains("materials.contacts[0].countries[0]", fields);
        Assert.Null(await _durable.Client.GetInstanceAsync(WorkflowNames.ReviewInstanceId("contoso", offerId, 1)));
    }

    [Fact]
    public async Task Submit_NoSuchOffer_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PostAsync(Url(UniqueOffer()) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemFieldsAsync();
    }

    [Fact]
    public async Task GetSubmission_WaitingThenDecided_ShowsProgressThenOutput()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        HttpClient client = app.Partner();
        await client.PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
        string id = WorkflowNames.ReviewInstanceId("contoso", offerId, 1);
        await _durable.WaitForAwaitingReviewAsync(id);

        JsonElement waiting = await (await client.GetAsync(Url(offerId) + "/submissions/1")).ReadJsonAsync();
        await _durable.Client.RaiseEventAsync(id, WorkflowNames.ReviewerDecided, ReviewerDecision.Approve("reviewer@microsoft.example", app.Time.Now));
        await _durable.WaitForCompletionAsync(id);
        JsonElement done = await (await client.GetAsync(Url(offerId) + "/submissions/1")).ReadJsonAsync();

        Assert.Equal("Running", waiting.GetProperty("runtimeStatus").GetString());
        Assert.Equal("AwaitingReview", waiting.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.False(waiting.TryGetProperty("output", out _));
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Approved", done.GetProperty("output").GetProperty("resolution").GetString());
        Assert.Equal("CoSellReady", done.GetProperty("output").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("7", HttpStatusCode.NotFound)]
    public async Task GetSubmission_BadOrUnknownVersion_4xx(string version, HttpStatusCode expected)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));

        HttpResponseMessage response = await app.Partner().GetAsync($"{Url(offerId)}/submissions/{version}");

        Assert.Equal(expected, response.StatusCode);
        await response.ProblemFieldsAsync();
    }

    [Fact]
    public async Task GetStatus_NeverReviewed_NotSubmittedWithDraftVersion()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId, draftVersion: 2));

        JsonElement body = await (await app.Partner().GetAsync(Url(offerId) + "/status")).ReadJsonAsync();

        Assert.Equal("NotSubmitted", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("draftVersion").GetInt32());
        Assert.False(body.GetProperty("reviewInProgress").GetBoolean());
    }

    [Fact]
    public async Task GetStatus_Reviewed_EveryRequirementWithReasonAndLabel()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        OfferRecord record = TestData.Offer(offerId: offerId);
        string instanceId = WorkflowNames.ReviewInstanceId("contoso", offerId, 1);
        var snapshot = new OfferStatusSnapshot(CoSellStatus.CoSellReady, TestData.ReadyEvaluation(), instanceId, 1, TestData.Now, "reviewer@microsoft.example", "Approved by the reviewer.", true, "pm@contoso.example", record.ToSubmission(), []);
        app.Offers.Seed(record with { Current = snapshot });

        HttpResponseMessage response = await app.Partner().GetAsync(Url(offerId) + "/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal("CoSellReady", body.GetProperty("status").GetString());
        Assert.Equal("Co-sell ready", body.GetProperty("label").GetString());
        Assert.Equal("reviewer@microsoft.example", body.GetProperty("changedBy").GetString());
        JsonElement[] requirements = [.. body.GetProperty("requirements").EnumerateArray()];
        Assert.Equal(4, requirements.Length);
        JsonElement revenue = requirements.Single(r => r.GetProperty("id").GetString() == "4.azure-ip.revenue");
        Assert.False(revenue.GetProperty("passed").GetBoolean());
        Assert.Equal(4, revenue.GetProperty("step").GetInt32());
        Assert.Contains("99,999.99", revenue.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(requirements.Single(r => r.GetProperty("id").GetString() == "2.csp").GetProperty("optional").GetBoolean());
    }

    [Fact]
    public async Task GetStatus_AfterSubmit_ReviewInProgress()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        HttpClient client = app.Partner();
        await client.PostAsync(Url(offerId) + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));

        JsonElement body = await (await client.GetAsync(Url(offerId) + "/status")).ReadJsonAsync();

        Assert.True(body.GetProperty("reviewInProgress").GetBoolean());
        Assert.Equal(WorkflowNames.ReviewInstanceId("contoso", offerId, 1), body.GetProperty("reviewInstanceId").GetString());
    }

    [Fact]
    public async Task GetStatus_NoSuchOffer_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().GetAsync(Url(UniqueOffer()) + "/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetHistory_Entries_OldestFirst()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = UniqueOffer();
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        await app.History.AppendAsync(new HistoryEntry("contoso", offerId, "b", TestData.Now.AddHours(2), HistoryKind.Reviewed, "reviewer@microsoft.example", "Approved."));
        await app.History.AppendAsync(new HistoryEntry("contoso", offerId, "a", TestData.Now, HistoryKind.Submitted, "pm@contoso.example", "Submitted version 1."));

        JsonElement body = await (await app.Partner().GetAsync(Url(offerId) + "/history")).ReadJsonAsync();

        JsonElement[] entries = [.. body.GetProperty("entries").EnumerateArray()];
        Assert.Equal(["Submitted", "Reviewed"], entries.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("pm@contoso.example", entries[0].GetProperty("actor").GetString());
    }

    private static string Url(string offerId) => $"/api/partners/contoso/offers/{offerId}";

    private static string UniqueOffer() => "offer-" + Guid.NewGuid().ToString("N")[..12];
}
