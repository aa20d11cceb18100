using CoSell.Adapters.Blobs;
using CoSell.Domain;

namespace CoSell.Integration.Tests.Collateral;

public sealed class CollateralBlobNamesTests
{
    [Theory]
    [InlineData(DocumentType.OnePager, "one-pager")]
    [InlineData(DocumentType.Presentation, "presentation")]
    [InlineData(DocumentType.ReferenceArchitecture, "reference-architecture")]
    [InlineData(DocumentType.CaseStudy, "case-study")]
    public void Build_EachDocumentType_UsesItsLowerCaseSlugAndParsesBack(DocumentType type, string slug)
    {
        string name = CollateralBlobNames.Build("contoso", "offer-7", type, "File (v2).pdf");

        Assert.Equal($"contoso/offer-7/{slug}/File (v2).pdf", name);
        Assert.True(CollateralBlobNames.TryParse(name, out CollateralBlobName? parsed));
        Assert.Equal(new CollateralBlobName("contoso", "offer-7", type, "File (v2).pdf"), parsed);
    }

    [Fact]
    public void TryParseSlug_UpperCase_IsAccepted()
    {
        bool ok = CollateralBlobNames.TryParseSlug("Case-Study", out DocumentType type);

        Assert.True(ok);
        Assert.Equal(DocumentType.CaseStudy, type);
    }

    [Theory]
    [InlineData("contoso/offer-7/One-Pager/brief.pdf")]
    [InlineData("contoso/offer-7/one-pager/brief.pdf/extra")]
    [InlineData("contoso/offer-7/one-pager/..")]
    [InlineData("Contoso/offer-7/one-pager/brief.pdf")]
    [InlineData(null)]
    public void TryParse_NameThisStoreNeverWrites_IsRejected(string? blobName)
    {
        Assert.False(CollateralBlobNames.TryParse(blobName, out _));
    }

    [Fact]
    public void Build_FileNameWithTrailingDot_ThrowsWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => CollateralBlobNames.Build("contoso", "offer-7", DocumentType.OnePager, "brief."));

        Assert.Equal("fileName", ex.ParamName);
        Assert.StartsWith("The file name 'brief.' starts or ends with a space or ends with a dot; rename the file.", ex.Message, StringComparison.Ordinal);
    }
}
