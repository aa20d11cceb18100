using System.Net;
using System.Text;
using System.Text.Json;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;
using CoSell.Workflow.Tests.Http;

namespace CoSell.Workflow.Tests.OpenApi;

/// <summary>Real requests through the API test app: the status each one gets, and its body type, are documented for that route.</summary>
public sealed class OpenApiStatusCodeTests : IClassFixture<DurableFixture>
{
    private const string Offer = "/api/partners/contoso/offers/";
    private const string Instances = "/api/admin/instances/";
    private const string TerminateBody = "{\"reason\":\"Stuck\",\"terminatedBy\":\"ops@cosell.example\"}";

    private static readonly Dictionary<string, Scenario> Scenarios = new[]
    {
        new Scenario("SaveDraft_New", ApiRoutes.SaveDraft, HttpStatusCode.Created, (app, id) =>
            app.Partner().PutAsync(Offer + id, ApiTestApp.Json(TestData.DraftBody().ToJsonString()))),
        new Scenario("SaveDraft_Exists", ApiRoutes.SaveDraft, HttpStatusCode.Conflict, (app, id) =>
            Seeded(app, id).Partner().PutAsync(Offer + id, ApiTestApp.Json(TestData.DraftBody().ToJsonString()))),
        new Scenario("SaveDraft_StaleIfMatch", ApiRoutes.SaveDraft, HttpStatusCode.PreconditionFailed, async (app, id) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, Offer + id) { Content = ApiTestApp.Json(TestData.DraftBody().ToJsonString()) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
            return await Seeded(app, id).Partner().SendAsync(request);
        }),
        new Scenario("SaveDraft_PlainText", ApiRoutes.SaveDraft, HttpStatusCode.UnsupportedMediaType, (app, id) =>
            app.Partner().PutAsync(Offer + id, new StringContent("name=x", Encoding.UTF8, "text/plain"))),
        new Scenario("GetDraft_Seeded", ApiRoutes.GetDraft, HttpStatusCode.OK, (app, id) =>
            Seeded(app, id).Partner().GetAsync(Offer + id)),
        new Scenario("GetDraft_NoKey", ApiRoutes.GetDraft, HttpStatusCode.Unauthorized, (app, id) =>
            Seeded(app, id).Anonymous().GetAsync(Offer + id)),
        new Scenario("GetDraft_OtherPartner", ApiRoutes.GetDraft, HttpStatusCode.NotFound, (app, id) =>
            Seeded(app, id).Partner("fabrikam").GetAsync(Offer + id)),
        new Scenario("UploadDocument_Pdf", ApiRoutes.UploadDocument, HttpStatusCode.OK, (app, id) =>
            Seeded(app, id).Partner().PutAsync(Offer + id + "/documents/case-study/story.pdf", ApiTestApp.Bytes([1, 2, 3]))),
        new Scenario("UploadDocument_UnknownType", ApiRoutes.UploadDocument, HttpStatusCode.BadRequest, (app, id) =>
            Seeded(app, id).Partner().PutAsync(Offer + id + "/documents/brochure/story.pdf", ApiTestApp.Bytes([1, 2, 3]))),
        new Scenario("DeleteDocument_Missing", ApiRoutes.DeleteDocument, HttpStatusCode.NotFound, (app, id) =>
            Seeded(app, id).Partner().DeleteAsync(Offer + id + "/documents/case-study/none.pdf")),
        new Scenario("ImportContacts_Csv", ApiRoutes.ImportContacts, HttpStatusCode.OK, (app, id) =>
            Seeded(app, id).Partner().PutAsync(Offer + id + "/contacts", ApiTestApp.Csv("Name,Email,Job title,Role,Countries\nAna Silva,ana@contoso.example,Seller,Sales,\"US;CA\"\n"))),
        new Scenario("ImportContacts_Xml", ApiRoutes.ImportContacts, HttpStatusCode.UnsupportedMediaType, (app, id) =>
            Seeded(app, id).Partner().PutAsync(Offer + id + "/contacts", new StringContent("<contacts/>", Encoding.UTF8, "application/xml"))),
        new Scenario("SubmitForReview_Valid", ApiRoutes.SubmitForReview, HttpStatusCode.Accepted, (app, id) =>
            Seeded(app, id).Partner().PostAsync(Offer + id + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"))),
        new Scenario("SubmitForReview_Oversized", ApiRoutes.SubmitForReview, HttpStatusCode.RequestEntityTooLarge, (app, id) =>
            Seeded(app, id).Partner().PostAsync(Offer + id + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"" + new string('a', 70_000) + "\"}"))),
        new Scenario("SubmitForReview_UnknownField", ApiRoutes.SubmitForReview, HttpStatusCode.BadRequest, (app, id) =>
            Seeded(app, id).Partner().PostAsync(Offer + id + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\",\"urgent\":true}"))),
        new Scenario("GetSubmission_Started", ApiRoutes.GetSubmission, HttpStatusCode.OK, async (app, id) =>
        {
            using HttpResponseMessage submitted = await Seeded(app, id).Partner().PostAsync(Offer + id + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"pm@contoso.example\"}"));
            return await app.Partner().GetAsync(Offer + id + "/submissions/1");
        }),
        new Scenario("GetSubmission_NotANumber", ApiRoutes.GetSubmission, HttpStatusCode.BadRequest, (app, id) =>
            Seeded(app, id).Partner().GetAsync(Offer + id + "/submissions/latest")),
        new Scenario("GetStatus_NotSubmitted", ApiRoutes.GetStatus, HttpStatusCode.OK, (app, id) =>
            Seeded(app, id).Partner().GetAsync(Offer + id + "/status")),
        new Scenario("GetHistory_Seeded", ApiRoutes.GetHistory, HttpStatusCode.OK, (app, id) =>
            Seeded(app, id).Partner().GetAsync(Offer + id + "/history")),
        new Scenario("ShowReview_Tampered", ApiRoutes.ShowReview, HttpStatusCode.Forbidden, (app, _) =>
            app.Anonymous().GetAsync("/review/not-a-signed-token")),
        new Scenario("DecideReview_UnknownToken", ApiRoutes.DecideReview, HttpStatusCode.NotFound, (app, id) =>
            app.Anonymous().PostAsync("/review/" + SignedUnknownToken(app, id), new FormUrlEncodedContent([KeyValuePair.Create("decision", "approve")]))),
        new Scenario("GetReviewDocument_Expired", ApiRoutes.GetReviewDocument, HttpStatusCode.Gone, (app, id) =>
            app.Anonymous().GetAsync("/review/" + app.Signer.Sign(new ReviewTokenClaims("tok-" + id, "cosell-x", ApiTestApp.Reviewer, TestData.Now.AddDays(-1))) + "/documents/0")),
        new Scenario("UploadRevenue_Csv", ApiRoutes.UploadRevenue, HttpStatusCode.OK, (app, _) =>
            app.Admin().PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Csv("organisationId,month,acrTtmUsd\ncontoso,2026-08,125000.50\n"))),
        new Scenario("UploadRevenue_Json", ApiRoutes.UploadRevenue, HttpStatusCode.UnsupportedMediaType, (app, _) =>
            app.Admin().PutAsync("/api/admin/revenue/2026-08", ApiTestApp.Json("[]"))),
        new Scenario("StartReevaluation_PartnerKey", ApiRoutes.StartReevaluation, HttpStatusCode.Unauthorized, (app, _) =>
            app.Partner().PostAsync("/api/admin/reevaluations/2026-08", null)),
        new Scenario("StartReevaluation_Month", ApiRoutes.StartReevaluation, HttpStatusCode.Accepted, (app, _) =>
            app.Admin().PostAsync("/api/admin/reevaluations/2026-07", null)),
        new Scenario("GetReevaluation_NeverStarted", ApiRoutes.GetReevaluation, HttpStatusCode.NotFound, (app, _) =>
            app.Admin().GetAsync("/api/admin/reevaluations/1999-01")),
        new Scenario("GetInstance_Scheduled", ApiRoutes.GetInstance, HttpStatusCode.OK, async (app, id) =>
            await app.Admin().GetAsync(Instances + await ReviewInstances.StartAsync(app.Durable, id))),
        new Scenario("GetInstance_Malformed", ApiRoutes.GetInstance, HttpStatusCode.BadRequest, (app, _) =>
            app.Admin().GetAsync(Instances + "cosell-x")),
        new Scenario("GetInstance_Unknown", ApiRoutes.GetInstance, HttpStatusCode.NotFound, (app, id) =>
            app.Admin().GetAsync(Instances + $"cosell-contoso.{id}-1")),
        new Scenario("TerminateInstance_Scheduled", ApiRoutes.TerminateInstance, HttpStatusCode.Accepted, async (app, id) =>
            await app.Admin().PostAsync(Instances + await ReviewInstances.StartAsync(app.Durable, id) + "/terminate", ApiTestApp.Json(TerminateBody))),
        new Scenario("TerminateInstance_Finished", ApiRoutes.TerminateInstance, HttpStatusCode.Conflict, async (app, id) =>
            await app.Admin().PostAsync(Instances + await ReviewInstances.StartFinishedAsync(app.Durable, id) + "/terminate", ApiTestApp.Json(TerminateBody))),
        new Scenario("TerminateInstance_NoReason", ApiRoutes.TerminateInstance, HttpStatusCode.BadRequest, (app, id) =>
            app.Admin().PostAsync(Instances + $"cosell-contoso.{id}-1/terminate", ApiTestApp.Json("{\"terminatedBy\":\"ops@cosell.example\"}"))),
        new Scenario("TerminateInstance_PlainText", ApiRoutes.TerminateInstance, HttpStatusCode.UnsupportedMediaType, (app, id) =>
            app.Admin().PostAsync(Instances + $"cosell-contoso.{id}-1/terminate", new StringContent("stop", Encoding.UTF8, "text/plain"))),
        new Scenario("PurgeInstance_Finished", ApiRoutes.PurgeInstance, HttpStatusCode.OK, async (app, id) =>
            await app.Admin().DeleteAsync(Instances + await ReviewInstances.StartFinishedAsync(app.Durable, id))),
        new Scenario("PurgeInstance_Scheduled", ApiRoutes.PurgeInstance, HttpStatusCode.Conflict, async (app, id) =>
            await app.Admin().DeleteAsync(Instances + await ReviewInstances.StartAsync(app.Durable, id))),
        new Scenario("PurgeInstance_CurrentDraftsReview", ApiRoutes.PurgeInstance, HttpStatusCode.Conflict, async (app, id) =>
        {
            Seeded(app, id);
            return await app.Admin().DeleteAsync(Instances + await ReviewInstances.StartFinishedAsync(app.Durable, id));
        }),
        new Scenario("PurgeInstance_Unknown", ApiRoutes.PurgeInstance, HttpStatusCode.NotFound, (app, id) =>
            app.Admin().DeleteAsync(Instances + $"cosell-contoso.{id}-1")),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private readonly DurableFixture _durable;

    public OpenApiStatusCodeTests(DurableFixture durable) => _durable = durable;

    public static TheoryData<string> ScenarioNames => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Handler_RealRequest_StatusAndBodyTypeAreDocumented(string name)
    {
        Scenario scenario = Scenarios[name];
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        string offerId = "oa-" + Guid.NewGuid().ToString("N")[..12];

        using HttpResponseMessage response = await scenario.Send(app, offerId);

        Assert.Equal(scenario.Expected, response.StatusCode);
        JsonElement responses = OpenApiSpec.Operation(scenario.Route.Method, "/" + scenario.Route.Template).GetProperty("responses");
        Assert.True(
            responses.TryGetProperty(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), out JsonElement documented),
            $"{scenario.Route.Name} answered {(int)response.StatusCode}, which docs/openapi.json does not list.");
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.NotNull(mediaType);
        JsonElement content = OpenApiSpec.Resolve(documented).GetProperty("content");
        Assert.Contains(mediaType, content.EnumerateObject().Select(c => c.Name));
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            JsonElement body = await response.ReadJsonAsync();
            Assert.Empty(SchemaCheck.Problems(body, content.GetProperty(mediaType).GetProperty("schema")));
        }
    }

    private static ApiTestApp Seeded(ApiTestApp app, string offerId)
    {
        app.Offers.Seed(TestData.Offer(offerId: offerId));
        return app;
    }

    private static string SignedUnknownToken(ApiTestApp app, string offerId)
        => app.Signer.Sign(new ReviewTokenClaims("tok-" + offerId, $"cosell-contoso.{offerId}-1", ApiTestApp.Reviewer, TestData.Now.AddDays(7)));

    private sealed record Scenario(string Name, ApiRoute Route, HttpStatusCode Expected, Func<ApiTestApp, string, Task<HttpResponseMessage>> Send);
}
