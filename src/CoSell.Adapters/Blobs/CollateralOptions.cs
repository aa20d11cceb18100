namespace CoSell.Adapters.Blobs;

/// <summary>Settings of the collateral container and of content inspection (section <c>Collateral</c>).</summary>
public sealed class CollateralOptions
{
    public const string Section = "Collateral";

    /// <summary>Blob container that holds every uploaded document.</summary>
    public string ContainerName { get; set; } = "collateral";

    /// <summary>Largest accepted document, in bytes (default 25 MiB). Uploads and inspections never buffer more than this plus one byte.</summary>
    public long MaxDocumentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Most pages (PDF pages, slides, Word pages) a customer one-pager may have.</summary>
    public int MaxOnePagerPages { get; set; } = 10;

    /// <summary>Most entries an Office (zip) package may declare.</summary>
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>Largest uncompressed size one entry of an Office package may declare (default 100 MiB).</summary>
    public long MaxZipEntryBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest uncompressed size all entries of an Office package may declare together (default 250 MiB).</summary>
    public long MaxZipTotalBytes { get; set; } = 250L * 1024 * 1024;

    /// <summary>Highest compression ratio (uncompressed / compressed) accepted for an entry of at least <see cref="MinZipRatioCheckBytes"/>.</summary>
    public int MaxZipCompressionRatio { get; set; } = 100;

    /// <summary>Entries smaller than this (uncompressed) skip the ratio check: small, repetitive XML compresses very well.</summary>
    public long MinZipRatioCheckBytes { get; set; } = 1024 * 1024;
}
