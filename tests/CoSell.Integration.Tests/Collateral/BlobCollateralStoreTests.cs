using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CoSell.Adapters.Blobs;
using CoSell.Domain;
using CoSell.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace CoSell.Integration.Tests.Collateral;

/// <summary>One Azurite container per test class; every test uses its own partner id.</summary>
public sealed class CollateralContainerFixture : IAsyncLifetime
{
    public BlobServiceClient Service { get; } = new(ConnectionString());

    public string ContainerName { get; } = "collateral-" + Guid.NewGuid().ToString("N");

    public static string ConnectionString() => Environment.GetEnvironmentVariable("COSELL_TEST_STORAGE")
        ?? throw new InvalidOperationException("Set COSELL_TEST_STORAGE to an Azurite connection string (./test.sh does this).");

    public BlobCollateralStore Store(long maxDocumentBytes = 25L * 1024 * 1024)
        => new(Service, Options.Create(new CollateralOptions { ContainerName = ContainerName, MaxDocumentBytes = maxDocumentBytes }));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Service.GetBlobContainerClient(ContainerName).DeleteIfExistsAsync();
}

[Trait("Category", "Integration")]
public sealed class BlobCollateralStoreTests(CollateralContainerFixture fixture) : IClassFixture<CollateralContainerFixture>
{
    private readonly string _partner = "partner-" + Guid.NewGuid().ToString("N")[..12];

    private BlobClient Blob(string name) => fixture.Service.GetBlobContainerClient(fixture.ContainerName).GetBlobClient(name);

    [Fact]
    public async Task Upload_ValidPdf_StoresBytesUnderPartnerOfferTypeAndFile()
    {
        byte[] pdf = CollateralFixtures.Pdf(1);

        CollateralDocument document = await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(pdf));

        Assert.Equal($"{_partner}/offer-1/one-pager/brief.pdf", document.BlobName);
        Assert.Equal(DocumentType.OnePager, document.Type);
        Assert.Equal("brief.pdf", document.FileName);
        Assert.Equal(pdf.Length, document.SizeBytes);
        BlobDownloadResult stored = (await Blob(document.BlobName).DownloadContentAsync()).Value;
        Assert.Equal(pdf, stored.Content.ToArray());
        Assert.Equal("application/octet-stream", stored.Details.ContentType);
    }

    [Fact]
    public async Task Upload_UnseekableStream_CountsSize()
    {
        byte[] pptx = CollateralFixtures.Pptx(2);

        CollateralDocument document = await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.Presentation, "deck.pptx", CollateralFixtures.Unseekable(pptx));

        Assert.Equal(pptx.Length, document.SizeBytes);
        Assert.Equal(pptx.Length, (await Blob(document.BlobName).GetPropertiesAsync()).Value.ContentLength);
    }

    [Fact]
    public async Task Upload_FileNameWithSpacesUnicodeAndHash_RoundTrips()
    {
        const string FileName = "Contoso één #1 (final) 50%.pdf";
        byte[] pdf = CollateralFixtures.Pdf(1);
        BlobCollateralStore store = fixture.Store();

        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.OnePager, FileName, new MemoryStream(pdf));

        Assert.Equal($"{_partner}/offer-1/one-pager/{FileName}", document.BlobName);
        CollateralFinding finding = await store.InspectAsync(document);
        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains($"'{FileName}'", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_UnseekableTenMiB_IsStoredInBlocksAndRoundTrips()
    {
        byte[] content = new byte[10 * 1024 * 1024 + 17];
        new Random(3).NextBytes(content);

        CollateralDocument document = await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.CaseStudy, "story.mp4", CollateralFixtures.Unseekable(content));

        Assert.Equal(content.Length, document.SizeBytes);
        Assert.Equal(content, (await Blob(document.BlobName).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Upload_UnseekableJustOverDefaultLimit_ThrowsTooLargeAndStoresNothing()
    {
        byte[] content = new byte[25 * 1024 * 1024 + 1];

        var ex = await Assert.ThrowsAsync<CollateralTooLargeException>(
            () => fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.CaseStudy, "story.mp4", CollateralFixtures.Unseekable(content)));

        Assert.Equal("'story.mp4' is larger than the 25 MiB limit for co-sell documents; upload a smaller file.", ex.Message);
        Assert.False((await Blob($"{_partner}/offer-1/case-study/story.mp4").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Upload_UnseekableExactlyAtLimit_IsStored()
    {
        byte[] pdf = CollateralFixtures.Pdf(2);

        CollateralDocument document = await fixture.Store(maxDocumentBytes: pdf.Length).UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", CollateralFixtures.Unseekable(pdf));

        Assert.Equal(pdf.Length, document.SizeBytes);
        Assert.Equal(pdf, (await Blob(document.BlobName).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Upload_SameNameTwice_ReplacesContent()
    {
        BlobCollateralStore store = fixture.Store();
        await store.UploadAsync(_partner, "offer-1", DocumentType.CaseStudy, "story.pdf", new MemoryStream(CollateralFixtures.Pdf(1)));
        byte[] second = CollateralFixtures.Pdf(4);

        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.CaseStudy, "story.pdf", new MemoryStream(second));

        Assert.Equal(second, (await Blob(document.BlobName).DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Upload_SeekableStreamOverLimit_ThrowsTooLargeAndStoresNothing()
    {
        BlobCollateralStore store = fixture.Store(maxDocumentBytes: 1024);

        var ex = await Assert.ThrowsAsync<CollateralTooLargeException>(
            () => store.UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(3))));

        Assert.Equal("'brief.pdf' is larger than the 1 KiB limit for co-sell documents; upload a smaller file.", ex.Message);
        Assert.Equal(1024, ex.MaxBytes);
        Assert.False((await Blob($"{_partner}/offer-1/one-pager/brief.pdf").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Upload_UnseekableStreamOverLimit_ThrowsTooLargeAndKeepsPreviousVersion()
    {
        byte[] previous = CollateralFixtures.Pdf(1);
        await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(previous));
        BlobCollateralStore strict = fixture.Store(maxDocumentBytes: previous.Length + 10);
        byte[] larger = CollateralFixtures.Pdf(10);

        var ex = await Assert.ThrowsAsync<CollateralTooLargeException>(
            () => strict.UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", CollateralFixtures.Unseekable(larger)));

        Assert.Equal("brief.pdf", ex.FileName);
        Assert.Equal(previous, (await Blob($"{_partner}/offer-1/one-pager/brief.pdf").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Theory]
    [InlineData("../other-partner.pdf")]
    [InlineData("nested/brief.pdf")]
    [InlineData("nested\\brief.pdf")]
    [InlineData("brief..pdf")]
    [InlineData("brief\u0007.pdf")]
    [InlineData("")]
    public async Task Upload_UnsafeFileName_ThrowsArgumentException(string fileName)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, fileName, new MemoryStream(CollateralFixtures.Pdf(1))));

        Assert.Equal("fileName", ex.ParamName);
        Assert.StartsWith("The file name ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FileNameOf201Characters_ThrowsNamingTheLimit()
    {
        string fileName = new string('a', 197) + ".pdf";

        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, fileName, new MemoryStream(CollateralFixtures.Pdf(1))));

        Assert.Contains("is 201 characters long; at most 200 are allowed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p/../q", "offer-1", "partnerId")]
    [InlineData("Partner-1", "offer-1", "partnerId")]
    [InlineData("partner-1", "offer/1", "offerId")]
    [InlineData("partner-1", "..", "offerId")]
    public async Task Upload_InvalidPartnerOrOfferId_ThrowsArgumentException(string partnerId, string offerId, string parameter)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Store().UploadAsync(partnerId, offerId, DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(1))));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains("lower-case letters, digits and hyphens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ContainerMissing_CreatesIt()
    {
        string container = "collateral-new-" + Guid.NewGuid().ToString("N")[..16];
        var store = new BlobCollateralStore(fixture.Service, Options.Create(new CollateralOptions { ContainerName = container }));
        try
        {
            await store.UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(1)));

            Assert.True((await fixture.Service.GetBlobContainerClient(container).GetBlobClient($"{_partner}/offer-1/one-pager/brief.pdf").ExistsAsync()).Value);
        }
        finally
        {
            await fixture.Service.GetBlobContainerClient(container).DeleteIfExistsAsync();
        }
    }

    [Fact]
    public async Task Inspect_UploadedElevenPagePdfOnePager_FailsWithPageReason()
    {
        BlobCollateralStore store = fixture.Store();
        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(11)));

        CollateralFinding finding = await store.InspectAsync(document);

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pdf' has 11 pages; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_UploadedPresentation_IsValid()
    {
        BlobCollateralStore store = fixture.Store();
        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.Presentation, "deck.pptx", new MemoryStream(CollateralFixtures.Pptx(14)));

        CollateralFinding finding = await store.InspectAsync(document);

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal("'deck.pptx' is a PowerPoint presentation with 14 slides.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_UploadedExecutableNamedPdf_Fails()
    {
        BlobCollateralStore store = fixture.Store();
        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.CaseStudy, "story.pdf", new MemoryStream(CollateralFixtures.WindowsExecutable()));

        CollateralFinding finding = await store.InspectAsync(document);

        Assert.False(finding.Valid);
        Assert.Contains("(found: Windows executable)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_UploadedEmptyFile_FailsAsEmpty()
    {
        BlobCollateralStore store = fixture.Store();
        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream());

        CollateralFinding finding = await store.InspectAsync(document);

        Assert.Equal(0, document.SizeBytes);
        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' is empty (0 bytes); upload the document again.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_BlobLargerThanCurrentLimit_FailsAsTooLarge()
    {
        CollateralDocument document = await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(2)));

        CollateralFinding finding = await fixture.Store(maxDocumentBytes: 512).InspectAsync(document);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' is larger than the 512 bytes limit; upload a smaller file.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_BlobDeleted_SaysUploadAgain()
    {
        var document = new CollateralDocument(DocumentType.OnePager, "brief.pdf", $"{_partner}/offer-1/one-pager/brief.pdf", 1234);

        CollateralFinding finding = await fixture.Store().InspectAsync(document);

        Assert.False(finding.Valid);
        Assert.Equal(DocumentType.OnePager, finding.Type);
        Assert.Equal("'brief.pdf' was not found; upload it again.", finding.Reason);
    }

    [Theory]
    [InlineData(DocumentType.OnePager, "other.pdf")]
    [InlineData(DocumentType.CaseStudy, "brief.pdf")]
    public async Task Inspect_BlobNameOfAnotherDocument_IsNotRead(DocumentType claimedType, string claimedFile)
    {
        CollateralDocument stored = await fixture.Store().UploadAsync(_partner, "offer-1", DocumentType.OnePager, "brief.pdf", new MemoryStream(CollateralFixtures.Pdf(1)));
        var claimed = new CollateralDocument(claimedType, claimedFile, stored.BlobName, stored.SizeBytes);

        CollateralFinding finding = await fixture.Store().InspectAsync(claimed);

        Assert.False(finding.Valid);
        Assert.Equal($"'{claimedFile}' was not found; upload it again.", finding.Reason);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("brief.pdf")]
    [InlineData("")]
    public async Task Inspect_MalformedBlobName_SaysNotFoundWithoutThrowing(string blobName)
    {
        var document = new CollateralDocument(DocumentType.OnePager, "brief.pdf", blobName, 10);

        CollateralFinding finding = await fixture.Store().InspectAsync(document);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' was not found; upload it again.", finding.Reason);
    }

    [Fact]
    public async Task OpenRead_StoredBlob_ReturnsItsBytes()
    {
        byte[] png = CollateralFixtures.Png();
        BlobCollateralStore store = fixture.Store();
        CollateralDocument document = await store.UploadAsync(_partner, "offer-1", DocumentType.ReferenceArchitecture, "diagram.png", new MemoryStream(png));

        await using Stream? stream = await store.OpenReadAsync(document.BlobName);

        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
    }

    [Fact]
    public async Task OpenRead_MissingBlob_ReturnsNull()
    {
        Stream? stream = await fixture.Store().OpenReadAsync($"{_partner}/offer-1/one-pager/none.pdf");

        Assert.Null(stream);
    }

    [Theory]
    [InlineData("../x/one-pager/brief.pdf")]
    [InlineData("p/o/brief.pdf")]
    [InlineData("p/o/unknown-type/brief.pdf")]
    public async Task OpenRead_NameOutsideTheLayout_ThrowsArgumentException(string blobName)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store().OpenReadAsync(blobName));
    }
}
