using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CoSell.EndToEnd.Tests;

/// <summary>Real documents built in memory (nothing binary is committed).</summary>
internal static class Documents
{
    /// <summary>A real PDF with the given number of pages, each with a line of text.</summary>
    public static byte[] Pdf(string title, int pages = 1)
    {
        using PdfDocumentBuilder builder = new();
        PdfDocumentBuilder.AddedFont font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (int i = 1; i <= pages; i++)
        {
            PdfPageBuilder page = builder.AddPage(PageSize.A4);
            page.AddText(string.Create(CultureInfo.InvariantCulture, $"{title}, page {i}"), 12, new PdfPoint(40, 780), font);
        }

        return builder.Build();
    }
}
