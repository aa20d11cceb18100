using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace CoSell.Adapters.Blobs;

/// <summary>Detects PDF documents with PdfPig.</summary>
internal static class PdfDetector
{
    /// <summary>
    /// Opens the PDF with PdfPig. A PDF that needs a password to open fails; one encrypted with an empty
    /// user password (permissions only, e.g. "no copying") opens for every reader, so it passes.
    /// </summary>
    internal static Detection Inspect(string fileName, ArraySegment<byte> content)
    {
        int pages;
        try
        {
            using PdfDocument pdf = PdfDocument.Open(content.AsMemory(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });

            // The page tree is resolved when the document opens; no page content is parsed here.
            pages = pdf.NumberOfPages;
        }
        catch (PdfDocumentEncryptedException)
        {
            return Detection.Failed($"'{fileName}' is a password-protected PDF; upload a copy that opens without a password.");
        }
#pragma warning disable CA1031 // PdfPig throws many exception types for damaged files; all of them mean "not a readable PDF".
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Detection.Failed($"'{fileName}' could not be read as a PDF (it is damaged or incomplete); export it again and upload the new file.");
        }

        if (pages <= 0)
        {
            return Detection.Failed($"'{fileName}' is a PDF without any pages; export it again and upload the new file.");
        }

        return new Detection(CollateralFormat.Pdf, "PDF document", pages, "pages");
    }
}
