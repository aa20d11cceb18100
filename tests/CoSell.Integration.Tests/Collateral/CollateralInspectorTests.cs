using CoSell.Adapters.Blobs;
using CoSell.Domain;
using DocumentFormat.OpenXml;

namespace CoSell.Integration.Tests.Collateral;

public sealed class CollateralInspectorTests
{
    private const string AllowedList = "allowed: PDF, PowerPoint, Word, Excel, JPEG, PNG, MP4";

    private static readonly CollateralInspector Inspector = new(new CollateralOptions());

    private static Task<CollateralFinding> InspectAsync(DocumentType type, string fileName, byte[] content, CollateralInspector? inspector = null)
        => (inspector ?? Inspector).InspectAsync(type, fileName, new MemoryStream(content));

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Inspect_OnePagerPdfWithinLimit_IsValidAndCountsPages(int pages)
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.Pdf(pages));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal(DocumentType.OnePager, finding.Type);
        Assert.Equal("brief.pdf", finding.FileName);
        Assert.Contains($"'brief.pdf' is a PDF document with {pages} page", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OnePagerPdfWith11Pages_FailsNamingTheCount()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.Pdf(11));

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pdf' has 11 pages; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PresentationPdfWith11Pages_IsValid()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.pdf", CollateralFixtures.Pdf(11));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("with 11 pages", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OnePagerLimitFromOptions_IsApplied()
    {
        var strict = new CollateralInspector(new CollateralOptions { MaxOnePagerPages = 2 });

        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.Pdf(3), strict);

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pdf' has 3 pages; at most 2 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_OnePagerPdfWhosePageCountLies_CountsTheRealPages()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.PdfWithLyingPageCount(realPages: 11, declaredCount: 1));

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pdf' has 11 pages; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PdfWithCyclicPageTree_FailsWithoutPages()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.PdfWithCyclicPageTree());

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' is a PDF without any pages; export it again and upload the new file.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PasswordProtectedPdf_FailsAsPasswordProtected()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "secret.pdf", CollateralFixtures.PasswordProtectedPdf());

        Assert.False(finding.Valid);
        Assert.Equal("'secret.pdf' is a password-protected PDF; upload a copy that opens without a password.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PdfEncryptedWithEmptyUserPassword_IsValidBecauseItOpensWithoutPassword()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.OwnerRestrictedPdf(pages: 2));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("'brief.pdf' is a PDF document with 2 pages", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OwnerRestrictedPdfOnePagerWith11Pages_StillCountsPages()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.OwnerRestrictedPdf(pages: 11));

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pdf' has 11 pages; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PdfHeaderThenGarbage_FailsAsDamaged()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.GarbagePdf());

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' could not be read as a PDF (it is damaged or incomplete); export it again and upload the new file.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_TruncatedPdf_FailsAsDamaged()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.TruncatedPdf());

        Assert.False(finding.Valid);
        Assert.StartsWith("'brief.pdf' could not be read as a PDF", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_PdfWithZipAppended_FailsAsDisguised()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.PdfZipPolyglot());

        Assert.False(finding.Valid);
        Assert.Contains("'brief.pdf' is not a plain document", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("ZIP archive", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_ExecutableNamedPdf_FailsNamingWhatWasFound()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.WindowsExecutable());

        Assert.False(finding.Valid);
        Assert.Equal($"'brief.pdf' is not an allowed document type (found: Windows executable); {AllowedList}.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_ElfNamedPptx_FailsNamingWhatWasFound()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.pptx", CollateralFixtures.LinuxExecutable());

        Assert.False(finding.Valid);
        Assert.Equal($"'deck.pptx' is not an allowed document type (found: Linux executable (ELF)); {AllowedList}.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_HtmlNamedPdf_FailsAsText()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "story.pdf", "<html><body>Hi</body></html>"u8.ToArray());

        Assert.False(finding.Valid);
        Assert.Contains("(found: HTML or XML text)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_ZeroBytes_FailsAsEmpty()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pdf", []);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' is empty (0 bytes); upload the document again.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_OverSizeLimitFromUnseekableStream_FailsWithoutReadingEverything()
    {
        var small = new CollateralInspector(new CollateralOptions { MaxDocumentBytes = 2048 });
        byte[] pdf = CollateralFixtures.Pdf(10);
        var counting = new CountingStream(CollateralFixtures.Unseekable(pdf));

        CollateralFinding finding = await small.InspectAsync(DocumentType.OnePager, "brief.pdf", counting);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.pdf' is larger than the 2 KiB limit; upload a smaller file.", finding.Reason);
        Assert.True(pdf.Length > 2 * 2048);
        Assert.True(counting.BytesRead <= 2048 + 8192, $"read {counting.BytesRead} bytes");
    }

    [Fact]
    public async Task Inspect_ExactlyAtSizeLimit_IsInspected()
    {
        byte[] pdf = CollateralFixtures.Pdf(1);
        var exact = new CollateralInspector(new CollateralOptions { MaxDocumentBytes = pdf.Length });

        CollateralFinding finding = await exact.InspectAsync(DocumentType.OnePager, "brief.pdf", CollateralFixtures.Unseekable(pdf));

        Assert.True(finding.Valid, finding.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Inspect_OnePagerPptxWithinLimit_IsValidAndCountsSlides(int slides)
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pptx", CollateralFixtures.Pptx(slides));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains($"'brief.pptx' is a PowerPoint presentation with {slides} slide", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OnePagerPptxWith11Slides_Fails()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.pptx", CollateralFixtures.Pptx(11));

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.pptx' has 11 slides; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_OnePagerDocxWith11PagesInAppXml_Fails()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.Docx(pagesInAppXml: 11));

        Assert.False(finding.Valid);
        Assert.Equal("The customer one-pager 'brief.docx' has 11 pages; at most 10 are allowed.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_OnePagerDocxWith2PagesInAppXml_IsValid()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.Docx(pagesInAppXml: 2));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("'brief.docx' is a Word document with 2 pages", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_OnePagerDocxWithoutPageCount_IsValidAndLeavesLimitToReviewer()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.Docx());

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("page count could not be read", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("reviewer checks the 10-page limit", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_XlsxAsOnePager_FailsNamingAcceptedFormats()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.xlsx", CollateralFixtures.Xlsx());

        Assert.False(finding.Valid);
        Assert.Equal("'brief.xlsx' is an Excel workbook, which is not accepted as the customer one-pager; upload it as PDF, Word or PowerPoint.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PptxRenamedDocx_IsRecognisedByContent()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.docx", CollateralFixtures.Pptx(3));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("PowerPoint presentation with 3 slides", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MacroEnabledPresentation_FailsAskingForCopyWithoutMacros()
    {
        byte[] pptm = CollateralFixtures.Pptx(2, PresentationDocumentType.MacroEnabledPresentation);

        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.pptx", pptm);

        Assert.False(finding.Valid);
        Assert.Contains("'deck.pptx' is a macro-enabled PowerPoint file", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("(as .pptx)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PlainZipBomb_FailsBeforeInflating()
    {
        byte[] bomb = CollateralFixtures.ZipBomb();
        long before = GC.GetAllocatedBytesForCurrentThread();

        CollateralFinding finding = Inspector.Inspect(DocumentType.CaseStudy, "story.pdf", bomb);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(finding.Valid);
        Assert.True(bomb.Length < 1024 * 1024, $"fixture is {bomb.Length} bytes");
        Assert.Contains("'story.pdf' has a part 'zeros.bin' that expands to 200 MiB (at most 100 MiB per part)", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("zip bomb", finding.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 20L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Inspect_DocxWith200MiBPart_FailsAsZipBomb()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.DocxWithZeroRun(200L * 1024 * 1024));

        Assert.False(finding.Valid);
        Assert.Contains("'brief.docx' has a part 'word/media/filler.bin' that expands to 200 MiB", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_DocxWithHighlyCompressedPartUnderSizeLimit_FailsOnRatio()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.DocxWithZeroRun(20L * 1024 * 1024));

        Assert.False(finding.Valid);
        Assert.Contains("'word/media/filler.bin' that expands", finding.Reason, StringComparison.Ordinal);
        Assert.Contains("times (at most 100 times)", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_DocxWithMainPartLyingAboutItsSize_FailsWithoutInflatingIt()
    {
        byte[] docx = CollateralFixtures.DocxWithLyingMainPart();
        long before = GC.GetAllocatedBytesForCurrentThread();

        CollateralFinding finding = Inspector.Inspect(DocumentType.OnePager, "brief.docx", docx);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.False(finding.Valid);
        Assert.Equal("'brief.docx' could not be read as an Office document (it is damaged or incomplete); save it again and upload the new file.", finding.Reason);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Inspect_PptxWithOneCorruptedByte_FailsAsDamaged()
    {
        byte[] pptx = CollateralFixtures.Pptx(2);
        int slideData = CollateralFixtures.IndexOfEntryData(pptx, "ppt/slides/slide1.xml");
        pptx[slideData + 5] ^= 0x55;

        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.pptx", pptx);

        Assert.False(finding.Valid);
        Assert.Equal("'deck.pptx' could not be read as an Office document (it is damaged or incomplete); save it again and upload the new file.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PackageWithMorePartsThanAllowed_Fails()
    {
        var inspector = new CollateralInspector(new CollateralOptions { MaxZipEntries = 5 });
        byte[] zip = CollateralFixtures.Zip(Enumerable.Range(1, 6).Select(i => ($"part{i}.xml", 10L)).ToArray());

        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", zip, inspector);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.docx' is a ZIP package with 6 parts (at most 5 allowed); it is not a normal Office file.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PackageExpandingPastTotalLimit_Fails()
    {
        var inspector = new CollateralInspector(new CollateralOptions { MaxZipTotalBytes = 3 * 1024 * 1024, MinZipRatioCheckBytes = long.MaxValue });
        byte[] docx = CollateralFixtures.DocxWithZeroRun(4L * 1024 * 1024);

        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", docx, inspector);

        Assert.False(finding.Valid);
        Assert.StartsWith("'brief.docx' expands to more than 3 MiB in total", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_ZipWithoutOfficeParts_FailsAsZipArchive()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", CollateralFixtures.Zip(("readme.txt", 100)));

        Assert.False(finding.Valid);
        Assert.Equal($"'brief.docx' is not an allowed document type (found: ZIP archive); {AllowedList}.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_EncryptedOfficePackage_FailsAsEncrypted()
    {
        byte[] encrypted = CollateralFixtures.CompoundFile("\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage");

        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.docx", encrypted);

        Assert.False(finding.Valid);
        Assert.Equal("'brief.docx' is an encrypted (password-protected) Office file; upload a copy that opens without a password.", finding.Reason);
    }

    [Theory]
    [InlineData("deck.ppt", DocumentType.Presentation, "PowerPoint 97-2003 presentation", new[] { "Current User", "PowerPoint Document" })]
    [InlineData("story.doc", DocumentType.CaseStudy, "Word 97-2003 document", new[] { "WordDocument", "1Table" })]
    public async Task Inspect_LegacyOfficeFile_IsRecognisedFromItsStreams(string fileName, DocumentType type, string label, string[] streams)
    {
        CollateralFinding finding = await InspectAsync(type, fileName, CollateralFixtures.CompoundFile(streams));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal($"'{fileName}' is a {label}.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_LegacyWordOnePager_IsValidAndLeavesLimitToReviewer()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.doc", CollateralFixtures.CompoundFile("WordDocument", "1Table"));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Contains("reviewer checks the 10-page limit", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_EncryptedLegacyPowerPoint_FailsAsEncrypted()
    {
        byte[] ppt = CollateralFixtures.CompoundFile("Current User", "PowerPoint Document", "EncryptedSummary");

        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.ppt", ppt);

        Assert.False(finding.Valid);
        Assert.Contains("encrypted (password-protected) PowerPoint file", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_LegacyWordWithPlainFib_IsValid()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "story.doc", CollateralFixtures.WordBinary(encrypted: false));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal("'story.doc' is a Word 97-2003 document.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_LegacyWordWithEncryptedFlag_FailsAsEncrypted()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "story.doc", CollateralFixtures.WordBinary(encrypted: true));

        Assert.False(finding.Valid);
        Assert.Equal("'story.doc' is an encrypted (password-protected) Word file; upload a copy that opens without a password.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_LegacyExcelWithFilePassRecord_FailsAsEncrypted()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "numbers.xls", CollateralFixtures.ExcelBinary(encrypted: true));

        Assert.False(finding.Valid);
        Assert.Equal("'numbers.xls' is an encrypted (password-protected) Excel file; upload a copy that opens without a password.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_LegacyExcelWithoutFilePass_IsRecognisedAsExcel()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "numbers.xls", CollateralFixtures.ExcelBinary(encrypted: false));

        Assert.False(finding.Valid);
        Assert.Equal("'numbers.xls' is an Excel 97-2003 workbook, which is not accepted as the case study; upload it as PDF, Word, PowerPoint or MP4.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_LegacyExcelAsPresentation_FailsNamingAcceptedFormats()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.ppt", CollateralFixtures.CompoundFile("Workbook"));

        Assert.False(finding.Valid);
        Assert.Equal("'deck.ppt' is an Excel 97-2003 workbook, which is not accepted as the customer presentation; upload it as PowerPoint or PDF.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_CompoundFileOfUnknownKind_FailsAsNotAllowed()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.ppt", CollateralFixtures.CompoundFile("\u0005SummaryInformation", "Property"));

        Assert.False(finding.Valid);
        Assert.StartsWith("'deck.ppt' is not an allowed document type (found: OLE compound file that is not a PowerPoint, Word or Excel document", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_TruncatedCompoundFile_FailsAsDamaged()
    {
        byte[] ppt = CollateralFixtures.CompoundFile("Current User", "PowerPoint Document");

        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.ppt", ppt[..700]);

        Assert.False(finding.Valid);
        Assert.StartsWith("'deck.ppt' could not be read as an Office 97-2003 file", finding.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diagram.png", true)]
    [InlineData("diagram.jpg", false)]
    public async Task Inspect_ImageAsReferenceArchitecture_IsValid(string fileName, bool png)
    {
        byte[] image = png ? CollateralFixtures.Png() : CollateralFixtures.Jpeg();

        CollateralFinding finding = await InspectAsync(DocumentType.ReferenceArchitecture, fileName, image);

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal($"'{fileName}' is a {(png ? "PNG" : "JPEG")} image.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_ImageAsOnePager_FailsNamingAcceptedFormats()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.OnePager, "brief.png", CollateralFixtures.Png());

        Assert.False(finding.Valid);
        Assert.Equal("'brief.png' is a PNG image, which is not accepted as the customer one-pager; upload it as PDF, Word or PowerPoint.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_PngSignatureWithoutHeader_FailsAsDamaged()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.ReferenceArchitecture, "diagram.png", CollateralFixtures.Png()[..12]);

        Assert.False(finding.Valid);
        Assert.StartsWith("'diagram.png' could not be read as a PNG image", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_JpegWithoutFrameHeader_FailsAsDamaged()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9];

        CollateralFinding finding = await InspectAsync(DocumentType.ReferenceArchitecture, "diagram.jpg", jpeg);

        Assert.False(finding.Valid);
        Assert.StartsWith("'diagram.jpg' could not be read as a JPEG image", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Mp4AsCaseStudy_IsValid()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "story.mp4", CollateralFixtures.IsoMedia("isom"));

        Assert.True(finding.Valid, finding.Reason);
        Assert.Equal("'story.mp4' is an MP4 video.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_QuickTimeNamedMp4_FailsNamingWhatWasFound()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.CaseStudy, "story.mp4", CollateralFixtures.IsoMedia("qt  "));

        Assert.False(finding.Valid);
        Assert.Equal($"'story.mp4' is not an allowed document type (found: QuickTime movie); {AllowedList}.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_Mp4AsPresentation_FailsNamingAcceptedFormats()
    {
        CollateralFinding finding = await InspectAsync(DocumentType.Presentation, "deck.mp4", CollateralFixtures.IsoMedia("mp42"));

        Assert.False(finding.Valid);
        Assert.Equal("'deck.mp4' is an MP4 video, which is not accepted as the customer presentation; upload it as PowerPoint or PDF.", finding.Reason);
    }

    [Fact]
    public async Task Inspect_RandomBytesWithKnownMagic_NeverThrows()
    {
        var random = new Random(7);
        byte[][] prefixes =
        [
            "%PDF-1.7\n"u8.ToArray(), "PK\u0003\u0004"u8.ToArray(), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p'],
        ];
        var findings = new List<CollateralFinding>();

        foreach (byte[] prefix in prefixes)
        {
            for (int i = 0; i < 25; i++)
            {
                byte[] tail = new byte[random.Next(0, 3000)];
                random.NextBytes(tail);
                findings.Add(await InspectAsync(DocumentType.CaseStudy, "x.bin", [.. prefix, .. tail]));
            }
        }

        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.All(findings, f => Assert.Contains("'x.bin'", f.Reason, StringComparison.Ordinal));
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
