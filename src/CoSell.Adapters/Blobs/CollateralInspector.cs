using CoSell.Domain;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// Checks one uploaded document by its content: magic bytes first, then a real parse (PdfPig,
/// Open XML SDK, a compound-file directory, image/video headers). Never trusts the file name or
/// content type, never throws for bad partner content, and never buffers more than the size limit
/// plus one byte. Every failure reason names the file and says what to do.
/// </summary>
public sealed class CollateralInspector
{
    private readonly CollateralOptions _options;

    public CollateralInspector(CollateralOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxDocumentBytes <= 0 || options.MaxDocumentBytes >= Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDocumentBytes, "MaxDocumentBytes must be positive and smaller than the largest array.");
        }

        _options = options;
    }

    /// <summary>
    /// Reads at most <see cref="CollateralOptions.MaxDocumentBytes"/> + 1 bytes from <paramref name="content"/> and inspects them.
    /// Only I/O failures of the stream itself and cancellation propagate.
    /// </summary>
    public async Task<CollateralFinding> InspectAsync(DocumentType type, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        long knownLength = content.CanSeek ? content.Length - content.Position : -1;
        if (knownLength > _options.MaxDocumentBytes)
        {
            return TooLarge(type, fileName);
        }

        int limit = (int)_options.MaxDocumentBytes;
        byte[] buffer = new byte[knownLength >= 0 ? (int)knownLength + 1 : Math.Min(limit + 1, 64 * 1024)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    return TooLarge(type, fileName);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)limit + 1, buffer.Length * 2L));
            }

            int read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > limit)
            {
                return TooLarge(type, fileName);
            }
        }

        return Inspect(type, fileName, new ArraySegment<byte>(buffer, 0, length));
    }

    /// <summary>Inspects a document already in memory.</summary>
    public CollateralFinding Inspect(DocumentType type, string fileName, ArraySegment<byte> content)
    {
        if (content.Count == 0)
        {
            return Fail(type, fileName, $"'{fileName}' is empty (0 bytes); upload the document again.");
        }

        if (content.Count > _options.MaxDocumentBytes)
        {
            return TooLarge(type, fileName);
        }

        Detection detection;
        try
        {
            detection = Detect(fileName, content);
        }
#pragma warning disable CA1031 // A parser bug on hostile input must become a finding, never a crash of the review.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            detection = Detection.Failed($"'{fileName}' could not be read (it looks damaged); export it again and upload the new file.");
        }

        if (detection.Failure is not null)
        {
            return Fail(type, fileName, detection.Failure);
        }

        CollateralFormat format = detection.Format;
        IReadOnlyList<CollateralFormat> allowed = CollateralFormats.AllowedFor(type);
        string what = CollateralFormats.Describe(type);
        if (!allowed.Contains(format))
        {
            return Fail(type, fileName, $"'{fileName}' is {CollateralMessages.Article(detection.Label)} {detection.Label}, which is not accepted as the {what}; upload it as {CollateralFormats.JoinWithOr(allowed)}.");
        }

        string found = $"'{fileName}' is {CollateralMessages.Article(detection.Label)} {detection.Label}";
        if (type == DocumentType.OnePager)
        {
            int max = _options.MaxOnePagerPages;
            if (detection.Pages is int pages)
            {
                if (pages > max)
                {
                    return Fail(type, fileName, $"The {what} '{fileName}' has {pages} {detection.PageUnit}; at most {max} are allowed.");
                }

                return new CollateralFinding(type, fileName, true, $"{found} with {CollateralMessages.Count(pages, detection.PageUnit)} (at most {max} allowed).");
            }

            return new CollateralFinding(type, fileName, true, $"{found}; its page count could not be read from the file, so the reviewer checks the {max}-page limit.");
        }

        return new CollateralFinding(type, fileName, true, detection.Pages is int n ? $"{found} with {CollateralMessages.Count(n, detection.PageUnit)}." : $"{found}.");
    }

    private Detection Detect(string fileName, ArraySegment<byte> content)
    {
        ReadOnlySpan<byte> data = content;
        SniffedKind kind = ContentSniffer.Sniff(data);
        if (kind != SniffedKind.Zip && kind != SniffedKind.Unknown && ZipStructure.TryFindEndOfCentralDirectory(data, out _))
        {
            return Detection.Failed($"'{fileName}' is not a plain document: it starts like one format but also carries a ZIP archive (a disguised file); export it again and upload the new file.");
        }

        return kind switch
        {
            SniffedKind.Pdf => PdfDetector.Inspect(fileName, content),
            SniffedKind.Zip => OfficePackageDetector.Inspect(fileName, content, _options),
            SniffedKind.CompoundFile => LegacyOfficeDetector.Inspect(fileName, content),
            SniffedKind.Jpeg => MediaDetector.InspectJpeg(fileName, data),
            SniffedKind.Png => MediaDetector.InspectPng(fileName, data),
            SniffedKind.IsoMedia => MediaDetector.InspectIsoMedia(fileName, data),
            _ => CollateralMessages.NotAllowed(fileName, ContentSniffer.DescribeUnknown(data)),
        };
    }

    internal CollateralFinding TooLarge(DocumentType type, string fileName)
        => Fail(type, fileName, $"'{fileName}' is larger than the {CollateralMessages.Mib(_options.MaxDocumentBytes)} limit; upload a smaller file.");

    private static CollateralFinding Fail(DocumentType type, string fileName, string reason) => new(type, fileName, false, reason);
}
