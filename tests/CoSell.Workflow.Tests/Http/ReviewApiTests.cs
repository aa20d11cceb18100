using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask.Client;

namespace CoSell.Workflow.Tests.Http;

public sealed class ReviewApiTests : IClassFixture<DurableFixture>
{
    private const string Reviewer = "reviewer@microsoft.example";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 one pager");
    private readonly DurableFixture _durable;

    public ReviewApiTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task ShowReview_ValidLink_ShowsEvidenceAndFormAndDecidesNothing()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await app.Anonymous().GetAsync($"/review/{review.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        string html = await response.Content.ReadAsStringAsync();
        foreach (RequirementResult requirement in TestData.ReadyEvaluation().Requirements)
        {
            Assert.Contains(WebUtility.HtmlEncode(requirement.Title), html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(requirement.Reason), html, StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"/review/{review.Token}/documents/0\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"comment\">", html, StringComparison.Ordinal);
        Assert.Contains("<textarea id=\"comment\" name=\"comment\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"approve\">Approve</button>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"reject\">Reject</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await AssertNothingDecidedAsync(app, review);
    }

    [Fact]
    public async Task ShowReview_NoRecordedEvaluation_ShowsTheRulesOnTheSubmittedEvidence()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: false);
        OfferRecord record = app.Offers.Find("contoso", review.OfferId)!;
        CollateralDocument onePager = record.Materials.Documents[0];
        Evaluation expected = CoSellRules.Evaluate(
            record.ToSubmission(),
            [new CollateralFinding(onePager.Type, onePager.FileName, true, "Stored.")],
            new OrganisationProfile("contoso", null, 0m, [], false, false));

        string html = await (await app.Anonymous().GetAsync($"/review/{review.Token}")).Content.ReadAsStringAsync();

        Assert.NotEmpty(expected.Requirements);
        foreach (RequirementResult requirement in expected.Requirements)
        {
            Assert.Contains(WebUtility.HtmlEncode(requirement.Reason), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShowReview_MarkupInPartnerValues_IsEncoded()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true, name: "<script>alert('x')</script>", contactName: "=HYPERLINK(\"http://evil\")");

        string html = await (await app.Anonymous().GetAsync($"/review/{review.Token}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("=HYPERLINK(&quot;http://evil&quot;)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideReview_Approve_RecordsRaisesTheEventAndConfirms()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", Form("decision=approve&comment=Looks+good"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You approved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        ReviewerDecision recorded = app.Tokens.DecisionOf(review.InstanceId)!;
        Assert.Equal((true, Reviewer, "Looks good", app.Time.Now), (recorded.Approved, recorded.Reviewer, recorded.Comment, recorded.DecidedAt));
        Assert.NotNull(app.Tokens.TokenRow(review.TokenId)!.UsedAt);
        OrchestrationMetadata done = await _durable.WaitForCompletionAsync(review.InstanceId);
        CoSellOutcome outcome = done.ReadOutputAs<CoSellOutcome>()!;
        Assert.Equal((ReviewResolution.Approved, Reviewer, "Looks good"), (outcome.Resolution, outcome.Reviewer, outcome.Comment));
    }

    [Fact]
    public async Task DecideReview_SecondPost_409AlreadyDecidedAndTheFirstDecisionStands()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        HttpClient client = app.Anonymous();
        await client.PostAsync($"/review/{review.Token}", Form("decision=approve"));
        await _durable.WaitForCompletionAsync(review.InstanceId);
        app.Time.Now = app.Time.Now.AddMinutes(3);

        HttpResponseMessage second = await client.PostAsync($"/review/{review.Token}", Form("decision=reject&comment=Changed+my+mind"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already decided: Approved by reviewer@microsoft.example at 2026-08-03 09:00 UTC", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(app.Tokens.DecisionOf(review.InstanceId)!.Approved);
        OrchestrationMetadata done = (await _durable.Client.GetInstanceAsync(review.InstanceId, getInputsAndOutputs: true))!;
        Assert.Equal(ReviewResolution.Approved, done.ReadOutputAs<CoSellOutcome>()!.Resolution);
        string page = await (await client.GetAsync($"/review/{review.Token}")).Content.ReadAsStringAsync();
        Assert.Contains("already decided: Approved by", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideReview_ExpiryRecordedWhileTheReviewStillRuns_410ExpiredAndNoDecision()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        await app.Tokens.RecordExpiryAsync(review.InstanceId, app.Time.Now);

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", Form("decision=approve"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(app.Tokens.DecisionOf(review.InstanceId)!.ClosedByExpiry);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _durable.Client.GetInstanceAsync(review.InstanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task DecideReview_DecisionRecordedButEventLost_RepeatPostDeliversTheRecordedDecision()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        ReviewTokenRecord row = app.Tokens.TokenRow(review.TokenId)!;
        await app.Tokens.RecordDecisionAsync(row, ReviewerDecision.Reject(Reviewer, "Missing one-pager pages", app.Time.Now));

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", Form("decision=approve"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        OrchestrationMetadata done = await _durable.WaitForCompletionAsync(review.InstanceId);
        CoSellOutcome outcome = done.ReadOutputAs<CoSellOutcome>()!;
        Assert.Equal((ReviewResolution.Rejected, "Missing one-pager pages"), (outcome.Resolution, outcome.Comment));
    }

    [Fact]
    public async Task Review_NoLongerWaiting_410PageWithoutFormAndNothingRecorded()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        await _durable.Client.TerminateInstanceAsync(review.InstanceId, "closed by test");
        await _durable.WaitForCompletionAsync(review.InstanceId);

        HttpResponseMessage page = await app.Anonymous().GetAsync($"/review/{review.Token}");
        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", Form("decision=approve"));

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Nothing was recorded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(app.Tokens.DecisionOf(review.InstanceId));
        Assert.Null(app.Tokens.TokenRow(review.TokenId)!.UsedAt);
    }

    [Theory]
    [InlineData("decision=reject")]
    [InlineData("decision=reject&comment=+++")]
    [InlineData("decision=maybe&comment=x")]
    [InlineData("comment=hello")]
    public async Task DecideReview_BadForm_400PageAndNothingRecorded(string form)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", Form(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(app, review);
    }

    [Fact]
    public async Task DecideReview_NotAForm_415AndNothingRecorded()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{review.Token}", ApiTestApp.Json("{\"decision\":\"approve\"}"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingDecidedAsync(app, review);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Review_TamperedToken_403AndNothingRecorded(string method)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await Send(app, method, $"/review/{review.Token}x");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(app, review);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Review_ExpiredToken_410AndNothingRecorded(string method)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        app.Time.Now = app.Time.Now.AddDays(8);

        HttpResponseMessage response = await Send(app, method, $"/review/{review.Token}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingDecidedAsync(app, review);
    }

    [Fact]
    public async Task Review_SignedButNeverIssued_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string token = app.Signer.Sign(new ReviewTokenClaims("tok-unknown", "cosell-contoso.x-1", Reviewer, TestData.Now.AddDays(7)));

        HttpResponseMessage response = await app.Anonymous().PostAsync($"/review/{token}", Form("decision=approve"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Tokens.DecisionOf("cosell-contoso.x-1"));
    }

    [Fact]
    public async Task GetReviewDocument_ValidLink_DownloadsTheStoredBytesAsAttachment()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);

        HttpResponseMessage response = await app.Anonymous().GetAsync($"/review/{review.Token}/documents/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        ContentDispositionHeaderValue disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("one-pager.pdf", disposition.FileNameStar ?? disposition.FileName);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("1", 0, HttpStatusCode.NotFound)]
    [InlineData("-1", 0, HttpStatusCode.NotFound)]
    [InlineData("0", 8, HttpStatusCode.Gone)]
    public async Task GetReviewDocument_UnknownIndexOrExpiredLink_Refused(string index, int daysLater, HttpStatusCode expected)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        Review review = await StartReviewAsync(app, withSnapshot: true);
        app.Time.Now = app.Time.Now.AddDays(daysLater);

        HttpResponseMessage response = await app.Anonymous().GetAsync($"/review/{review.Token}/documents/{index}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<Review> StartReviewAsync(ApiTestApp app, bool withSnapshot, string name = "Contoso Analytics", string contactName = "Ana Silva")
    {
        string offerId = "offer-" + Guid.NewGuid().ToString("N")[..12];
        OfferRecord record = TestData.Offer(offerId: offerId);
        CollateralDocument onePager;
        using (var content = new MemoryStream(Pdf))
        {
            onePager = await app.Collateral.UploadAsync("contoso", offerId, DocumentType.OnePager, "one-pager.pdf", content);
        }

        record = record with
        {
            Offer = record.Offer with { Name = name },
            Materials = record.Materials with
            {
                Documents = [onePager],
                Contacts = [new SalesContact(contactName, "ana@contoso.example", null, null, ["US", "CA"])],
            },
        };
        string instanceId = WorkflowNames.ReviewInstanceId("contoso", offerId, 1);
        if (withSnapshot)
        {
            record = record with
            {
                Current = new OfferStatusSnapshot(CoSellStatus.CoSellReady, TestData.ReadyEvaluation(), instanceId, 1, TestData.Now, "system", "Awaiting review.", false, "pm@contoso.example", record.ToSubmission(), []),
            };
        }

        app.Offers.Seed(record);
        HttpResponseMessage submitted = await app.Partner().PostAsync($"/api/partners/contoso/offers/{offerId}/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await _durable.WaitForAwaitingReviewAsync(instanceId);

        string tokenId = "tok-" + Guid.NewGuid().ToString("N");
        DateTimeOffset expires = app.Time.Now.AddDays(7);
        await app.Tokens.AddAsync(new ReviewTokenRecord(tokenId, instanceId, "contoso", offerId, Reviewer, app.Time.Now, expires));
        string token = app.Signer.Sign(new ReviewTokenClaims(tokenId, instanceId, Reviewer, expires));
        return new Review(offerId, instanceId, tokenId, token);
    }

    private async Task AssertNothingDecidedAsync(ApiTestApp app, Review review)
    {
        Assert.Null(app.Tokens.DecisionOf(review.InstanceId));
        Assert.Null(app.Tokens.TokenRow(review.TokenId)!.UsedAt);
        OrchestrationMetadata instance = (await _durable.Client.GetInstanceAsync(review.InstanceId))!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance.RuntimeStatus);
    }

    private static Task<HttpResponseMessage> Send(ApiTestApp app, string method, string url)
        => method == "GET" ? app.Anonymous().GetAsync(url) : app.Anonymous().PostAsync(url, Form("decision=approve"));

    private static FormUrlEncodedContent Form(string encoded)
        => new(encoded.Split('&').Select(pair => pair.Split('=')).Select(kv => KeyValuePair.Create(WebUtility.UrlDecode(kv[0]), WebUtility.UrlDecode(kv[1]))));

    private sealed record Review(string OfferId, string InstanceId, string TokenId, string Token);
}
