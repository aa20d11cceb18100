using CoSell.Domain;

namespace CoSell.Adapters.Blobs;

/// <summary>A document format recognised by content. Legacy (97-2003) Office files map to the same family.</summary>
public enum CollateralFormat
{
    Pdf,
    PowerPoint,
    Word,
    Excel,
    Jpeg,
    Png,
    Mp4,
}

/// <summary>
/// Which formats each document type accepts (decided here, shown to partners in reasons):
/// <list type="bullet">
/// <item>customer one-pager: PDF, Word, PowerPoint (at most <see cref="CollateralOptions.MaxOnePagerPages"/> pages or slides);</item>
/// <item>customer presentation: PowerPoint, PDF;</item>
/// <item>reference-architecture diagram: PDF, PowerPoint, PNG, JPEG (no Visio: it is not an accepted Partner Center format);</item>
/// <item>case study (evidence): PDF, Word, PowerPoint, MP4 video.</item>
/// </list>
/// Excel is recognised (it is on Partner Center's list) but none of the four co-sell document types is a spreadsheet.
/// </summary>
public static class CollateralFormats
{
    /// <summary>The formats the product recognises at all, in the order partners read them.</summary>
    public const string AllowedList = "PDF, PowerPoint, Word, Excel, JPEG, PNG, MP4";

    public static IReadOnlyList<CollateralFormat> AllowedFor(DocumentType type) => type switch
    {
        DocumentType.OnePager => [CollateralFormat.Pdf, CollateralFormat.Word, CollateralFormat.PowerPoint],
        DocumentType.Presentation => [CollateralFormat.PowerPoint, CollateralFormat.Pdf],
        DocumentType.ReferenceArchitecture => [CollateralFormat.Pdf, CollateralFormat.PowerPoint, CollateralFormat.Png, CollateralFormat.Jpeg],
        DocumentType.CaseStudy => [CollateralFormat.Pdf, CollateralFormat.Word, CollateralFormat.PowerPoint, CollateralFormat.Mp4],
        _ => [],
    };

    /// <summary>How a reason names the document type, e.g. "customer one-pager".</summary>
    public static string Describe(DocumentType type) => type switch
    {
        DocumentType.OnePager => "customer one-pager",
        DocumentType.Presentation => "customer presentation",
        DocumentType.ReferenceArchitecture => "reference-architecture diagram",
        DocumentType.CaseStudy => "case study",
        _ => "document",
    };

    /// <summary>How a reason names the format family, e.g. "PDF".</summary>
    public static string ShortName(CollateralFormat format) => format switch
    {
        CollateralFormat.Pdf => "PDF",
        CollateralFormat.PowerPoint => "PowerPoint",
        CollateralFormat.Word => "Word",
        CollateralFormat.Excel => "Excel",
        CollateralFormat.Jpeg => "JPEG",
        CollateralFormat.Png => "PNG",
        CollateralFormat.Mp4 => "MP4",
        _ => format.ToString(),
    };

    internal static string JoinWithOr(IReadOnlyList<CollateralFormat> formats)
    {
        string[] names = formats.Select(ShortName).ToArray();
        return names.Length <= 1
            ? string.Concat(names)
            : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
