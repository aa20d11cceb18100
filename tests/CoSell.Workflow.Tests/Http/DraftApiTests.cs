using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoSell.Domain;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http;

public sealed class DraftApiTests : IClassFixture<DurableFixture>
{
    private const string Url = "/api/partners/contoso/offers/analytics";
    private readonly DurableFixture _durable;

    public DraftApiTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task SaveDraft_NoIfMatch_Creates201WithETagLocationAndVersion1()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(TestData.DraftBody().ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal(1, body.GetProperty("draftVersion").GetInt32());
        Assert.Equal(response.Headers.ETag!.ToString(), body.GetProperty("etag").GetString());
        Assert.Equal("http://localhost" + Url, response.Headers.Location!.ToString());
        OfferRecord stored = app.Offers.Find("contoso", "analytics")!;
        Assert.Equal(("Contoso Analytics", OfferKind.SaaS, 0.8m), (stored.Offer.Name, stored.Offer.Kind, stored.Offer.RepeatableIpShare));
        Assert.Equal(["US", "CA"], stored.Offer.EligibleCountries);
        Assert.Equal("https://contoso.example/analytics", stored.Materials.LandingPageUrl);
        Assert.Equal(HistoryKind.DraftSaved, Assert.Single(await app.History.ListAsync("contoso", "analytics")).Kind);
    }

    [Fact]
    public async Task SaveDraft_ExistsAndNoIfMatch_409AndUnchanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(TestData.DraftBody().With("name", "Other").ToJsonString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await response.ProblemFieldsAsync();
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task SaveDraft_CurrentIfMatch_ReplacesFieldsKeepsMaterialsAndBumpsVersion()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer(draftVersion: 4));

        HttpResponseMessage response = await app.Partner().SendAsync(Put(Url, TestData.DraftBody().With("name", "Contoso Analytics 2"), seeded.ETag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal(5, body.GetProperty("draftVersion").GetInt32());
        OfferRecord stored = app.Offers.Find("contoso", "analytics")!;
        Assert.Equal("Contoso Analytics 2", stored.Offer.Name);
        Assert.Equal(seeded.Materials.Documents, stored.Materials.Documents);
        Assert.Equal(seeded.Materials.Contacts, stored.Materials.Contacts);
        Assert.Equal(stored.ETag, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task SaveDraft_SameFieldsAgain_KeepsVersion()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpResponseMessage created = await app.Partner().PutAsync(Url, ApiTestApp.Json(TestData.DraftBody().ToJsonString()));

        HttpResponseMessage again = await app.Partner().SendAsync(Put(Url, TestData.DraftBody(), created.Headers.ETag!.ToString()));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.ReadJsonAsync()).GetProperty("draftVersion").GetInt32());
    }

    [Fact]
    public async Task SaveDraft_StaleIfMatch_412AndUnchanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(Put(Url, TestData.DraftBody().With("name", "Lost update"), "W/\"v999\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await response.ProblemFieldsAsync();
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task SaveDraft_IfMatchButNoDraft_404()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().SendAsync(Put(Url, TestData.DraftBody(), "*"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(app.Offers.Find("contoso", "analytics"));
    }

    public static TheoryData<string, string?, string> BadDraftFields => new()
    {
        { "name", null, "name" },
        { "name", "\"   \"", "name" },
        { "solutionType", "\"Hardware\"", "solutionType" },
        { "kind", "3", "kind" },
        { "eligibleCountries", "[\"US\", \"USA\"]", "eligibleCountries[1]" },
        { "eligibleCountries", "[]", "eligibleCountries" },
        { "repeatableIpShare", "1.5", "repeatableIpShare" },
        { "repeatableIpShare", "\"0.6\"", "repeatableIpShare" },
        { "isTransactable", "\"yes\"", "isTransactable" },
        { "landingPageUrl", "\"javascript:alert(1)\"", "landingPageUrl" },
        { "socialOrEvidenceUrl", "\"not a url\"", "socialOrEvidenceUrl" },
        { "solutionType", "\"Services\"", "kind" },
        { "documents", "[]", "documents" },
        { "contacts", "[{\"name\":\"Ana\"}]", "contacts" },
    };

    [Theory]
    [MemberData(nameof(BadDraftFields))]
    public async Task SaveDraft_BadField_400NamingTheFieldAndNothingStored(string field, string? json, string expectedField)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        JsonObject body = json is null ? TestData.DraftBody().Without(field) : TestData.DraftBody().With(field, JsonNode.Parse(json));

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expectedField, await response.ProblemFieldsAsync());
        Assert.Null(app.Offers.Find("contoso", "analytics"));
        Assert.Equal(0, app.History.Count);
    }

    [Fact]
    public async Task SaveDraft_UnknownField_400NamingIt()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(TestData.DraftBody().With("price", 10).ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("price", (await response.ReadJsonAsync()).GetProperty("errors").ToString(), StringComparison.Ordinal);
        Assert.Null(app.Offers.Find("contoso", "analytics"));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    [InlineData("null")]
    public async Task SaveDraft_MalformedJson_400Problem(string json)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.ProblemFieldsAsync());
        Assert.Null(app.Offers.Find("contoso", "analytics"));
    }

    [Theory]
    [InlineData("{\"name\": ", "name", "not well-formed JSON")]
    [InlineData("{\"name\":\"A\",\"solutionType\":\"IpSolution\",\"kind\":\"Saas2\",\"eligibleCountries\":[\"US\"]}", "kind", "SaaS, AzureApplication")]
    [InlineData("{\"name\":\"A\",\"solutionType\":\"Ip\",\"kind\":\"SaaS\",\"eligibleCountries\":[\"US\"]}", "solutionType", "IpSolution, Services")]
    public async Task SaveDraft_BadJson_MessageSaysWhatIsWrong(string json, string field, string expected)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(json));

        JsonElement errors = (await response.ReadJsonAsync()).GetProperty("errors");
        string message = errors.EnumerateObject().Single().Value[0].GetString()!;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Equal(field, errors.EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task SaveDraft_NotJson_415()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Csv("name\nContoso\n"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(["Content-Type"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task SaveDraft_BodyOverTheLimit_413()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client, o => o.MaxJsonBytes = 200);

        HttpResponseMessage response = await app.Partner().PutAsync(Url, ApiTestApp.Json(TestData.DraftBody().With("name", new string('x', 300)).ToJsonString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["body"], await response.ProblemFieldsAsync());
        Assert.Null(app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task SaveDraft_InvalidOfferId_400()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().PutAsync("/api/partners/contoso/offers/Bad_Id", ApiTestApp.Json(TestData.DraftBody().ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["offerId"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task GetDraft_Exists_200WithETagAndMaterials()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(seeded.ETag, response.Headers.ETag!.ToString());
        JsonElement body = await response.ReadJsonAsync();
        Assert.Equal("one-pager", body.GetProperty("documents")[0].GetProperty("documentType").GetString());
        Assert.Equal("ana@contoso.example", body.GetProperty("contacts")[0].GetProperty("email").GetString());
        Assert.Equal("IpSolution", body.GetProperty("solutionType").GetString());
    }

    [Fact]
    public async Task GetDraft_Missing_404Problem()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().GetAsync(Url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemFieldsAsync();
    }

    internal static HttpRequestMessage Put(string url, JsonObject body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = ApiTestApp.Json(body.ToJsonString()) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static HttpRequestMessage PutBytes(string url, byte[] bytes, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = ApiTestApp.Bytes(bytes) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static MediaTypeHeaderValue Csv => new("text/csv");
}
