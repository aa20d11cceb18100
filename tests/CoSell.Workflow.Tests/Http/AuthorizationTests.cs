using System.Net;
using CoSell.Workflow.Http;
using CoSell.Workflow.Ports;

namespace CoSell.Workflow.Tests.Http;

public sealed class AuthorizationTests : IClassFixture<DurableFixture>
{
    private const string ContosoOffer = "/api/partners/contoso/offers/analytics";
    private readonly DurableFixture _durable;

    public AuthorizationTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task PartnerRoute_NoKey_401()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Anonymous().GetAsync(ContosoOffer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ProblemFieldsAsync();
    }

    [Fact]
    public async Task PartnerRoute_UnknownKey_401AndNothingStored()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpClient client = app.Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyPartnerAuthenticator.PartnerKeyHeader, ApiTestApp.ContosoKey + "x");

        HttpResponseMessage response = await client.PutAsync(ContosoOffer, ApiTestApp.Json(TestData.DraftBody().ToJsonString()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task OtherPartner_ReadsOrChangesContosoOffer_404AndNothingChanges()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());
        HttpClient fabrikam = app.Partner("fabrikam");

        HttpResponseMessage[] responses =
        [
            await fabrikam.GetAsync(ContosoOffer),
            await fabrikam.SendAsync(DraftApiTests.Put(ContosoOffer, TestData.DraftBody().With("name", "Hijacked"), "*")),
            await fabrikam.SendAsync(DraftApiTests.PutBytes(ContosoOffer + "/documents/one-pager/x.pdf", [1, 2, 3])),
            await fabrikam.DeleteAsync(ContosoOffer + "/documents/one-pager/one-pager.pdf"),
            await fabrikam.PutAsync(ContosoOffer + "/contacts", ApiTestApp.Json("[]")),
            await fabrikam.PostAsync(ContosoOffer + "/submissions", ApiTestApp.Json("{\"submittedBy\":\"x@fabrikam.example\"}")),
            await fabrikam.GetAsync(ContosoOffer + "/status"),
            await fabrikam.GetAsync(ContosoOffer + "/history"),
            await fabrikam.GetAsync(ContosoOffer + "/submissions/1"),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
        Assert.Empty(app.Collateral.Blobs);
        Assert.Null(await _durable.Client.GetInstanceAsync(WorkflowNames.ReviewInstanceId("contoso", "analytics", 1)));
    }

    [Fact]
    public async Task OtherPartner_MissingOffer_SameAnswerAsForbiddenOne()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        string forbidden = await (await app.Partner("fabrikam").GetAsync(ContosoOffer)).Content.ReadAsStringAsync();
        string missing = await (await app.Partner("fabrikam").GetAsync("/api/partners/fabrikam/offers/analytics")).Content.ReadAsStringAsync();

        Assert.Equal(missing, forbidden);
    }

    [Fact]
    public async Task PartnerRoute_AdminKeyAlone_401()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Admin().GetAsync(ContosoOffer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
