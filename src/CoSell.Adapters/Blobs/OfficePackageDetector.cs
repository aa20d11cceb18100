using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// Detects PowerPoint, Word and Excel Open XML packages: ZIP limits and integrity first, then the main
/// part's content type, then a read-only open with the Open XML SDK.
/// </summary>
internal static class OfficePackageDetector
{
    internal static Detection Inspect(string fileName, ArraySegment<byte> content, CollateralOptions options)
    {
        if (ZipStructure.TryFindEndOfCentralDirectory(content, out int declaredEntries) && declaredEntries > options.MaxZipEntries)
        {
            return Detection.Failed($"'{fileName}' is a ZIP package with {declaredEntries} parts (at most {options.MaxZipEntries} allowed); it is not a normal Office file.");
        }

        using var stream = new MemoryStream(content.Array!, content.Offset, content.Count, writable: false);
        string? mainContentType;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            string? unsafeReason = OfficeZipChecks.CheckLimits(fileName, zip, options);
            if (unsafeReason is not null)
            {
                return Detection.Failed(unsafeReason);
            }

            ZipArchiveEntry? contentTypes = zip.GetEntry("[Content_Types].xml");
            if (contentTypes is null)
            {
                return CollateralMessages.NotAllowed(fileName, "ZIP archive");
            }

            mainContentType = OfficeContentTypes.FindMainContentType(zip, contentTypes, out string? otherKind);
            if (mainContentType is null)
            {
                return CollateralMessages.NotAllowed(fileName, otherKind ?? "ZIP package that is not a PowerPoint, Word or Excel file");
            }

            unsafeReason = OfficeZipChecks.CheckIntegrity(fileName, zip);
            if (unsafeReason is not null)
            {
                return Detection.Failed(unsafeReason);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return Detection.Failed($"'{fileName}' could not be read as an Office document (it is damaged or incomplete); save it again and upload the new file.");
        }

        (CollateralFormat format, bool macros) = OfficeContentTypes.MainContentTypes[mainContentType];
        string family = CollateralFormats.ShortName(format);
        if (macros)
        {
            return Detection.Failed($"'{fileName}' is a macro-enabled {family} file; macros are not accepted in co-sell documents, so save it without macros (as .{DefaultExtension(format)}) and upload that.");
        }

        stream.Position = 0;
        var settings = new OpenSettings { MaxCharactersInPart = options.MaxZipEntryBytes };
        try
        {
            return format switch
            {
                CollateralFormat.PowerPoint => InspectPresentation(stream, settings),
                CollateralFormat.Word => InspectWordDocument(stream, settings),
                _ => InspectWorkbook(stream, settings),
            };
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException or InvalidOperationException or FormatException)
        {
            return Detection.Failed($"'{fileName}' could not be read as a {family} file (it is damaged or incomplete); save it again and upload the new file.");
        }
    }

    // The parts are read with OpenXmlReader (forward-only), never loaded as a DOM: memory stays small
    // whatever the size of the XML.
    private static Detection InspectPresentation(Stream stream, OpenSettings settings)
    {
        using PresentationDocument document = PresentationDocument.Open(stream, false, settings);
        PresentationPart part = document.PresentationPart ?? throw new InvalidDataException("The presentation part is missing.");
        int slides = 0;
        using (OpenXmlReader reader = OpenXmlReader.Create(part))
        {
            ExpectRoot<DocumentFormat.OpenXml.Presentation.Presentation>(reader);
            while (reader.Read())
            {
                if (reader.IsStartElement && reader.ElementType == typeof(DocumentFormat.OpenXml.Presentation.SlideId))
                {
                    slides++;
                }
            }
        }

        return new Detection(CollateralFormat.PowerPoint, "PowerPoint presentation", slides, "slides");
    }

    private static Detection InspectWordDocument(Stream stream, OpenSettings settings)
    {
        using WordprocessingDocument document = WordprocessingDocument.Open(stream, false, settings);
        MainDocumentPart main = document.MainDocumentPart ?? throw new InvalidDataException("The main document part is missing.");
        using (OpenXmlReader reader = OpenXmlReader.Create(main))
        {
            ExpectRoot<DocumentFormat.OpenXml.Wordprocessing.Document>(reader);
        }

        int? pages = null;
        if (document.ExtendedFilePropertiesPart is { } app)
        {
            using OpenXmlReader reader = OpenXmlReader.Create(app);
            while (reader.Read())
            {
                if (reader.IsStartElement && reader.ElementType == typeof(DocumentFormat.OpenXml.ExtendedProperties.Pages))
                {
                    pages = int.TryParse(reader.GetText(), NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0 ? p : null;
                    break;
                }
            }
        }

        return new Detection(CollateralFormat.Word, "Word document", pages, "pages");
    }

    private static Detection InspectWorkbook(Stream stream, OpenSettings settings)
    {
        using SpreadsheetDocument document = SpreadsheetDocument.Open(stream, false, settings);
        WorkbookPart workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook part is missing.");
        using (OpenXmlReader reader = OpenXmlReader.Create(workbook))
        {
            ExpectRoot<DocumentFormat.OpenXml.Spreadsheet.Workbook>(reader);
        }

        return new Detection(CollateralFormat.Excel, "Excel workbook", null, "sheets");
    }

    private static void ExpectRoot<TRoot>(OpenXmlReader reader)
    {
        if (!reader.Read() || !reader.IsStartElement || reader.ElementType != typeof(TRoot))
        {
            throw new InvalidDataException($"The main part does not start with {typeof(TRoot).Name}.");
        }
    }

    private static string DefaultExtension(CollateralFormat format) => format switch
    {
        CollateralFormat.PowerPoint => "pptx",
        CollateralFormat.Word => "docx",
        _ => "xlsx",
    };
}
