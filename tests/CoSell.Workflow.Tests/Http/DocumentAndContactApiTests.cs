using System.Net;
using System.Text;
using System.Text.Json;
using CoSell.Domain;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CoSell.Workflow.Tests.Http;

public sealed class DocumentAndContactApiTests : IClassFixture<DurableFixture>
{
    private const string Offer = "/api/partners/contoso/offers/analytics";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
    private readonly DurableFixture _durable;

    public DocumentAndContactApiTests(DurableFixture durable) => _durable = durable;

    [Fact]
    public async Task UploadDocument_NewFile_StoresBlobAddsEntryAndBumpsVersion()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer(draftVersion: 2));

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/presentation/deck.pptx", Pdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        OfferRecord stored = app.Offers.Find("contoso", "analytics")!;
        Assert.Equal(3, stored.DraftVersion);
        CollateralDocument deck = Assert.Single(stored.Materials.Documents, d => d.Type == DocumentType.Presentation);
        Assert.Equal(("deck.pptx", Pdf.Length), (deck.FileName, deck.SizeBytes));
        Assert.Equal(Pdf, app.Collateral.Blobs[deck.BlobName]);
        Assert.Equal(2, stored.Materials.Documents.Count);
    }

    [Fact]
    public async Task UploadDocument_AnotherOnePager_ReplacesTheOnePagerSlot()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/summary-v2.pdf", Pdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        CollateralDocument onePager = Assert.Single(app.Offers.Find("contoso", "analytics")!.Materials.Documents);
        Assert.Equal((DocumentType.OnePager, "summary-v2.pdf"), (onePager.Type, onePager.FileName));
    }

    [Fact]
    public async Task UploadDocument_SameCaseStudyNameTwice_KeepsOneEntry()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/case-study/story.pdf", Pdf));
        HttpResponseMessage second = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/case-study/story.pdf", [.. Pdf, .. Pdf]));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        CollateralDocument story = Assert.Single(app.Offers.Find("contoso", "analytics")!.Materials.Documents, d => d.Type == DocumentType.CaseStudy);
        Assert.Equal(Pdf.Length * 2, story.SizeBytes);
    }

    [Fact]
    public async Task UploadDocument_SameNameDifferentCase_ReplacesTheEntry()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/case-study/Story.pdf", Pdf));
        await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/case-study/story.PDF", Pdf));

        CollateralDocument story = Assert.Single(app.Offers.Find("contoso", "analytics")!.Materials.Documents, d => d.Type == DocumentType.CaseStudy);
        Assert.Equal("story.PDF", story.FileName);
    }

    [Theory]
    [InlineData("brochure", "a.pdf", "documentType")]
    [InlineData("one-pager", "..evil.pdf", "fileName")]
    [InlineData("one-pager", "a%2F..%2Fb.pdf", "fileName")]
    [InlineData("one-pager", "setup.exe", "fileName")]
    [InlineData("one-pager", ".hidden.pdf", "fileName")]
    public async Task UploadDocument_BadTypeOrFileName_400AndNothingStored(string documentType, string fileName, string field)
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes($"{Offer}/documents/{documentType}/{fileName}", Pdf));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
        Assert.Empty(app.Collateral.Blobs);
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task UploadDocument_OverTheSizeLimit_413AndNothingStored()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client, o => o.MaxDocumentBytes = 16);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/big.pdf", Pdf));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["document"], await response.ProblemFieldsAsync());
        Assert.Empty(app.Collateral.Blobs);
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task UploadDocument_StoreRefusesTheSize_413AndTheDraftUnchanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client, overrides: services => services.AddSingleton<ICollateralStore>(new TooSmallCollateralStore()));
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/big.pdf", Pdf));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["document"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task UploadDocument_EmptyBody_400()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/a.pdf", []));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["document"], await response.ProblemFieldsAsync());
        Assert.Empty(app.Collateral.Blobs);
    }

    [Fact]
    public async Task UploadDocument_StaleIfMatch_412AndNothingStored()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/a.pdf", Pdf, "W/\"stale\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Empty(app.Collateral.Blobs);
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task UploadDocument_NoDraft_404AndNothingStored()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);

        HttpResponseMessage response = await app.Partner().SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/a.pdf", Pdf));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Collateral.Blobs);
    }

    [Fact]
    public async Task DeleteDocument_Existing_RemovesEntryAndBumpsVersion()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().DeleteAsync(Offer + "/documents/one-pager/one-pager.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        OfferRecord stored = app.Offers.Find("contoso", "analytics")!;
        Assert.Empty(stored.Materials.Documents);
        Assert.Equal(2, stored.DraftVersion);
    }

    [Fact]
    public async Task DeleteDocument_Unknown_404AndUnchanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().DeleteAsync(Offer + "/documents/case-study/none.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemFieldsAsync();
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_Csv_ReplacesTheWholeList()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());
        string csv = "Name,Email,Job title,Role,Countries\nLi Wei,li@contoso.example,Seller,Sales,\"US,CA\"\nBo,bo@contoso.example,,,OOO\n";

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        OfferRecord stored = app.Offers.Find("contoso", "analytics")!;
        Assert.Equal(["li@contoso.example", "bo@contoso.example"], stored.Materials.Contacts.Select(c => c.Email));
        Assert.Equal(2, stored.DraftVersion);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("contacts").GetArrayLength());
    }

    [Fact]
    public async Task ImportContacts_Json_ReplacesTheWholeList()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        app.Offers.Seed(TestData.Offer());
        string json = "[{\"name\":\"Li Wei\",\"email\":\"li@contoso.example\",\"countries\":[\"de\",\"OOO\"]}]";

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SalesContact contact = Assert.Single(app.Offers.Find("contoso", "analytics")!.Materials.Contacts);
        Assert.Equal(["DE", "OOO"], contact.Countries);
    }

    [Fact]
    public async Task ImportContacts_CsvWithBadRows_400ListingLinesAndNothingChanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());
        string csv = "Name,Email,Job title,Role,Countries\nLi,li@contoso.example,Seller,Sales,US\nBo,bo-at-contoso,Seller,Sales,XYZ\n";

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["line 3, Email", "line 3, Countries"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_JsonWithBadContact_400NamingIndexAndField()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());
        string json = "[{\"name\":\"Li\",\"email\":\"li@contoso.example\",\"countries\":[\"US\"]},{\"name\":\"Bo\",\"email\":\"bo\",\"countries\":[\"US\"]}]";

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["contacts[1].email"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_JsonSameEmailTwice_400NamingTheSecondAndNothingChanged()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());
        string json = "[{\"name\":\"Li\",\"email\":\"li@contoso.example\",\"countries\":[\"US\"]},{\"name\":\"Li 2\",\"email\":\"li@contoso.example\",\"countries\":[\"CA\"]}]";

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["contacts[1].email"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_JsonWrongType_400NamingThePath()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", ApiTestApp.Json("[{\"name\":\"Li\",\"email\":\"li@contoso.example\",\"countries\":\"US\"}]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["contacts[0].countries"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_OtherContentType_415()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", new StringContent("<contacts/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task ImportContacts_InvalidUtf8Csv_400()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        OfferRecord seeded = app.Offers.Seed(TestData.Offer());
        var content = new ByteArrayContent([0x4E, 0x61, 0xFF, 0xFE, 0x0A]);
        content.Headers.ContentType = DraftApiTests.Csv;

        HttpResponseMessage response = await app.Partner().PutAsync(Offer + "/contacts", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["line 1"], await response.ProblemFieldsAsync());
        Assert.Same(seeded, app.Offers.Find("contoso", "analytics"));
    }

    [Fact]
    public async Task DraftVersion_EveryKindOfChange_IncrementsOnce()
    {
        await using ApiTestApp app = await ApiTestApp.StartAsync(_durable.Client);
        HttpClient client = app.Partner();

        await client.PutAsync(Offer, ApiTestApp.Json(TestData.DraftBody().ToJsonString()));
        await client.SendAsync(DraftApiTests.PutBytes(Offer + "/documents/one-pager/a.pdf", Pdf));
        await client.PutAsync(Offer + "/contacts", ApiTestApp.Csv("Name,Email,Job title,Role,Countries\nLi,li@contoso.example,,,US\n"));
        HttpResponseMessage last = await client.DeleteAsync(Offer + "/documents/one-pager/a.pdf");

        JsonElement body = await last.ReadJsonAsync();
        Assert.Equal(4, body.GetProperty("draftVersion").GetInt32());
        Assert.Equal(4, (await app.History.ListAsync("contoso", "analytics")).Count);
    }

    private sealed class TooSmallCollateralStore : ICollateralStore
    {
        public Task<CollateralDocument> UploadAsync(string partnerId, string offerId, DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
            => throw new CollateralTooLargeException(fileName, 8);

        public Task<CollateralFinding> InspectAsync(CollateralDocument document, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Stream?> OpenReadAsync(string blobName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
