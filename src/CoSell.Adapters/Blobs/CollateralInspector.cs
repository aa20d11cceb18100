using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using CoSell.Domain;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// Checks one uploaded document by its content: magic bytes first, then a real parse (PdfPig,
/// Open XML SDK, a compound-file directory, image/video headers). Never trusts the file name or
/// content type, never throws for bad partner content, and never buffers more than the size limit
/// plus one byte. Every failure reason names the file and says what to do.
/// </summary>
public sealed class CollateralInspector
{
    private const int MaxContentTypesChars = 1024 * 1024;
    private const int MaxCompoundFileEntries = 4096;

    private static readonly Dictionary<string, (CollateralFormat Format, bool Macros)> OfficeMainContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"] = (CollateralFormat.PowerPoint, false),
        ["application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.ms-powerpoint.template.macroEnabled.main+xml"] = (CollateralFormat.PowerPoint, true),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] = (CollateralFormat.Word, false),
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"] = (CollateralFormat.Word, false),
        ["application/vnd.ms-word.document.macroEnabled.main+xml"] = (CollateralFormat.Word, true),
        ["application/vnd.ms-word.template.macroEnabledTemplate.main+xml"] = (CollateralFormat.Word, true),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] = (CollateralFormat.Excel, false),
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"] = (CollateralFormat.Excel, false),
        ["application/vnd.ms-excel.sheet.macroEnabled.main+xml"] = (CollateralFormat.Excel, true),
        ["application/vnd.ms-excel.template.macroEnabled.main+xml"] = (CollateralFormat.Excel, true),
        ["application/vnd.ms-excel.sheet.binary.macroEnabled.main"] = (CollateralFormat.Excel, true),
    };

    private static readonly HashSet<string> Mp4Brands = new(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "mmp4", "MSNV", "dash", "f4v ",
    };

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
            return Fail(type, fileName, $"'{fileName}' is {Article(detection.Label)} {detection.Label}, which is not accepted as the {what}; upload it as {CollateralFormats.JoinWithOr(allowed)}.");
        }

        string found = $"'{fileName}' is {Article(detection.Label)} {detection.Label}";
        if (type == DocumentType.OnePager)
        {
            int max = _options.MaxOnePagerPages;
            if (detection.Pages is int pages)
            {
                if (pages > max)
                {
                    return Fail(type, fileName, $"The {what} '{fileName}' has {pages} {detection.PageUnit}; at most {max} are allowed.");
                }

                return new CollateralFinding(type, fileName, true, $"{found} with {Count(pages, detection.PageUnit)} (at most {max} allowed).");
            }

            return new CollateralFinding(type, fileName, true, $"{found}; its page count could not be read from the file, so the reviewer checks the {max}-page limit.");
        }

        return new CollateralFinding(type, fileName, true, detection.Pages is int n ? $"{found} with {Count(n, detection.PageUnit)}." : $"{found}.");
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
            SniffedKind.Pdf => InspectPdf(fileName, content),
            SniffedKind.Zip => InspectOfficePackage(fileName, content),
            SniffedKind.CompoundFile => InspectCompoundFile(fileName, content),
            SniffedKind.Jpeg => InspectJpeg(fileName, data),
            SniffedKind.Png => InspectPng(fileName, data),
            SniffedKind.IsoMedia => InspectIsoMedia(fileName, data),
            _ => NotAllowed(fileName, ContentSniffer.DescribeUnknown(data)),
        };
    }

    /// <summary>
    /// Opens the PDF with PdfPig. A PDF that needs a password to open fails; one encrypted with an empty
    /// user password (permissions only, e.g. "no copying") opens for every reader, so it passes.
    /// </summary>
    private static Detection InspectPdf(string fileName, ArraySegment<byte> content)
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

    private Detection InspectOfficePackage(string fileName, ArraySegment<byte> content)
    {
        if (ZipStructure.TryFindEndOfCentralDirectory(content, out int declaredEntries) && declaredEntries > _options.MaxZipEntries)
        {
            return Detection.Failed($"'{fileName}' is a ZIP package with {declaredEntries} parts (at most {_options.MaxZipEntries} allowed); it is not a normal Office file.");
        }

        using var stream = new MemoryStream(content.Array!, content.Offset, content.Count, writable: false);
        string? mainContentType;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            string? unsafeReason = CheckZipLimits(fileName, zip);
            if (unsafeReason is not null)
            {
                return Detection.Failed(unsafeReason);
            }

            ZipArchiveEntry? contentTypes = zip.GetEntry("[Content_Types].xml");
            if (contentTypes is null)
            {
                return NotAllowed(fileName, "ZIP archive");
            }

            mainContentType = FindMainContentType(zip, contentTypes, out string? otherKind);
            if (mainContentType is null)
            {
                return NotAllowed(fileName, otherKind ?? "ZIP package that is not a PowerPoint, Word or Excel file");
            }

            unsafeReason = CheckZipIntegrity(fileName, zip);
            if (unsafeReason is not null)
            {
                return Detection.Failed(unsafeReason);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return Detection.Failed($"'{fileName}' could not be read as an Office document (it is damaged or incomplete); save it again and upload the new file.");
        }

        (CollateralFormat format, bool macros) = OfficeMainContentTypes[mainContentType];
        string family = CollateralFormats.ShortName(format);
        if (macros)
        {
            return Detection.Failed($"'{fileName}' is a macro-enabled {family} file; macros are not accepted in co-sell documents, so save it without macros (as .{DefaultExtension(format)}) and upload that.");
        }

        stream.Position = 0;
        var settings = new OpenSettings { MaxCharactersInPart = _options.MaxZipEntryBytes };
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

    /// <summary>
    /// Inflates every entry into nothing, at most one byte past its declared size, and checks its CRC-32:
    /// a part that lies about its size, is truncated or corrupt is caught with a fixed 80 KiB buffer.
    /// Total work is bounded by <see cref="CollateralOptions.MaxZipTotalBytes"/>.
    /// </summary>
    private static string? CheckZipIntegrity(string fileName, ZipArchive zip)
    {
        byte[] buffer = new byte[80 * 1024];
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            long declared = entry.Length;
            long total = 0;
            uint crc = 0;
            using Stream data = entry.Open();
            int read;
            while ((read = data.Read(buffer, 0, (int)Math.Min(buffer.Length, declared - total + 1))) > 0)
            {
                total += read;
                crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                if (total > declared)
                {
                    return $"'{fileName}' has a part '{entry.FullName}' that is larger than it declares; it is not a normal Office file (possibly a zip bomb); save it again from PowerPoint, Word or Excel and upload that.";
                }
            }

            if (total != declared || crc != entry.Crc32)
            {
                throw new InvalidDataException($"Entry {entry.FullName} does not match its declared size or checksum.");
            }
        }

        return null;
    }

    private string? CheckZipLimits(string fileName, ZipArchive zip)
    {
        const string Advice = "it is not a normal Office file (possibly a zip bomb); save it again from PowerPoint, Word or Excel and upload that";
        if (zip.Entries.Count > _options.MaxZipEntries)
        {
            return $"'{fileName}' has {zip.Entries.Count} parts (at most {_options.MaxZipEntries} allowed); {Advice}.";
        }

        long total = 0;
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            long size = entry.Length;
            if (size > _options.MaxZipEntryBytes)
            {
                return $"'{fileName}' has a part '{entry.FullName}' that expands to {Mib(size)} (at most {Mib(_options.MaxZipEntryBytes)} per part); {Advice}.";
            }

            if (size >= _options.MinZipRatioCheckBytes && size > (long)_options.MaxZipCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                return $"'{fileName}' has a part '{entry.FullName}' that expands {size / Math.Max(1, entry.CompressedLength)} times (at most {_options.MaxZipCompressionRatio} times); {Advice}.";
            }

            total += size;
            if (total > _options.MaxZipTotalBytes)
            {
                return $"'{fileName}' expands to more than {Mib(_options.MaxZipTotalBytes)} in total; {Advice}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves the content type of the package's main part the way OPC does: the officeDocument
    /// relationship in <c>_rels/.rels</c> names the part; an Override for that part name wins over
    /// the Default for its extension. Returns null (with a hint in <paramref name="otherKind"/>) for
    /// packages that are not PowerPoint, Word or Excel.
    /// </summary>
    private static string? FindMainContentType(ZipArchive zip, ZipArchiveEntry contentTypes, out string? otherKind)
    {
        otherKind = null;
        ZipArchiveEntry? rootRelationships = zip.GetEntry("_rels/.rels");
        if (rootRelationships is null)
        {
            return null;
        }

        string? target = null;
        foreach ((string name, Func<string, string?> attribute) in ReadElements(rootRelationships))
        {
            string? type = attribute("Type");
            if (name == "Relationship" && type is not null && type.EndsWith("/officeDocument", StringComparison.Ordinal))
            {
                target = attribute("Target");
                break;
            }
        }

        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        string partName = "/" + target.TrimStart('/');
        string extension = partName[(partName.LastIndexOf('.') + 1)..];
        string? overridden = null;
        string? byDefault = null;
        foreach ((string name, Func<string, string?> attribute) in ReadElements(contentTypes))
        {
            if (name == "Override" && string.Equals(attribute("PartName"), partName, StringComparison.OrdinalIgnoreCase))
            {
                overridden = attribute("ContentType");
            }
            else if (name == "Default" && string.Equals(attribute("Extension"), extension, StringComparison.OrdinalIgnoreCase))
            {
                byDefault = attribute("ContentType");
            }
        }

        string? mainType = overridden ?? byDefault;
        if (mainType is not null && OfficeMainContentTypes.ContainsKey(mainType))
        {
            return mainType;
        }

        if (mainType is not null && mainType.StartsWith("application/vnd.ms-visio.", StringComparison.OrdinalIgnoreCase))
        {
            otherKind = "Visio drawing";
        }

        return null;
    }

    /// <summary>Element names with attribute lookups of a small package XML part, read safely (no DTD, bounded size).</summary>
    private static List<(string Name, Func<string, string?> Attribute)> ReadElements(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxContentTypesChars)
        {
            throw new InvalidDataException($"{entry.FullName} is too large.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxContentTypesChars,
        };
        var elements = new List<(string, Func<string, string?>)>();
        using Stream part = entry.Open();
        using var reader = XmlReader.Create(part, settings);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.MoveToNextAttribute())
            {
                attributes[reader.LocalName] = reader.Value;
            }

            reader.MoveToElement();
            elements.Add((reader.LocalName, key => attributes.GetValueOrDefault(key)));
        }

        return elements;
    }

    private static Detection InspectCompoundFile(string fileName, ArraySegment<byte> content)
    {
        CompoundFile? file = CompoundFile.TryOpen(content, MaxCompoundFileEntries);
        if (file is null)
        {
            return Detection.Failed($"'{fileName}' could not be read as an Office 97-2003 file (it is damaged or incomplete); save it again and upload the new file.");
        }

        bool Has(string name) => file.Entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        string Encrypted(string family) => $"'{fileName}' is an encrypted (password-protected) {family} file; upload a copy that opens without a password.";
        if (Has("EncryptedPackage"))
        {
            return Detection.Failed(Encrypted("Office"));
        }

        if (Has("PowerPoint Document"))
        {
            return Has("EncryptedSummary")
                ? Detection.Failed(Encrypted("PowerPoint"))
                : new Detection(CollateralFormat.PowerPoint, "PowerPoint 97-2003 presentation", null, "slides");
        }

        if (file.FindStream("WordDocument") is { } wordStream)
        {
            return IsEncryptedWordBinary(file, wordStream)
                ? Detection.Failed(Encrypted("Word"))
                : new Detection(CollateralFormat.Word, "Word 97-2003 document", null, "pages");
        }

        if ((file.FindStream("Workbook") ?? file.FindStream("Book")) is { } workbookStream)
        {
            return IsEncryptedExcelBinary(file, workbookStream)
                ? Detection.Failed(Encrypted("Excel"))
                : new Detection(CollateralFormat.Excel, "Excel 97-2003 workbook", null, "sheets");
        }

        if (Has("VisioDocument"))
        {
            return NotAllowed(fileName, "Visio drawing");
        }

        return NotAllowed(fileName, "OLE compound file that is not a PowerPoint, Word or Excel document, such as an installer or an Outlook message");
    }

    /// <summary>MS-DOC: the FIB at the start of the WordDocument stream flags encryption (fEncrypted) and XOR obfuscation (fObfuscated).</summary>
    private static bool IsEncryptedWordBinary(CompoundFile file, CompoundFile.Entry stream)
    {
        const ushort WordIdent = 0xA5EC;
        const ushort EncryptedFlags = 0x0100 | 0x8000;
        byte[]? fib = file.TryReadStreamPrefix(stream, 32);
        return fib is { Length: >= 12 }
            && BinaryPrimitives.ReadUInt16LittleEndian(fib) == WordIdent
            && (BinaryPrimitives.ReadUInt16LittleEndian(fib.AsSpan(0x0A)) & EncryptedFlags) != 0;
    }

    /// <summary>MS-XLS: a FILEPASS record (0x002F) in the workbook globals, before its EOF record, means the workbook is encrypted.</summary>
    private static bool IsEncryptedExcelBinary(CompoundFile file, CompoundFile.Entry stream)
    {
        const ushort FilePass = 0x002F;
        const ushort EndOfFile = 0x000A;
        byte[]? records = file.TryReadStreamPrefix(stream, 64 * 1024);
        if (records is null)
        {
            return false;
        }

        for (int pos = 0; pos + 4 <= records.Length;)
        {
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(records.AsSpan(pos));
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(records.AsSpan(pos + 2));
            if (type == FilePass)
            {
                return true;
            }

            if (type == EndOfFile)
            {
                return false;
            }

            pos += 4 + length;
        }

        return false;
    }

    private static Detection InspectJpeg(string fileName, ReadOnlySpan<byte> data)
    {
        int pos = 2;
        bool sawFrame = false;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                break;
            }

            byte marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            if (marker is 0xD9 or 0xD8)
            {
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                break;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8 || BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 7)..]) == 0)
                {
                    break;
                }

                sawFrame = true;
            }

            if (marker == 0xDA)
            {
                return sawFrame
                    ? new Detection(CollateralFormat.Jpeg, "JPEG image", null, "pages")
                    : Detection.Failed(DamagedImage(fileName, "JPEG"));
            }

            pos += 2 + length;
        }

        return Detection.Failed(DamagedImage(fileName, "JPEG"));
    }

    private static Detection InspectPng(string fileName, ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 + 25 || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data[12..16].SequenceEqual("IHDR"u8)
            || BinaryPrimitives.ReadUInt32BigEndian(data[16..]) == 0 || BinaryPrimitives.ReadUInt32BigEndian(data[20..]) == 0)
        {
            return Detection.Failed(DamagedImage(fileName, "PNG"));
        }

        return new Detection(CollateralFormat.Png, "PNG image", null, "pages");
    }

    private static Detection InspectIsoMedia(string fileName, ReadOnlySpan<byte> data)
    {
        uint boxSize = BinaryPrimitives.ReadUInt32BigEndian(data);
        string brand = System.Text.Encoding.ASCII.GetString(data[8..12]);
        if (boxSize < 16 || boxSize > data.Length)
        {
            return Detection.Failed($"'{fileName}' could not be read as an MP4 video (its header is damaged); export it again and upload the new file.");
        }

        if (Mp4Brands.Contains(brand))
        {
            return new Detection(CollateralFormat.Mp4, "MP4 video", null, "pages");
        }

        string found = brand switch
        {
            "qt  " => "QuickTime movie",
            "heic" or "heix" or "mif1" or "msf1" => "HEIF image",
            "avif" or "avis" => "AVIF image",
            "M4A " or "M4B " or "M4P " => "MPEG-4 audio",
            _ when brand.StartsWith("3g", StringComparison.Ordinal) => "3GPP mobile video",
            _ => $"ISO media file of brand '{new string(brand.Where(c => !char.IsControl(c)).ToArray())}'",
        };
        return NotAllowed(fileName, found);
    }

    private static Detection NotAllowed(string fileName, string found)
        => Detection.Failed($"'{fileName}' is not an allowed document type (found: {found}); allowed: {CollateralFormats.AllowedList}.");

    private static string DamagedImage(string fileName, string format)
        => $"'{fileName}' could not be read as a {format} image (it is damaged or incomplete); export it again and upload the new file.";

    internal CollateralFinding TooLarge(DocumentType type, string fileName)
        => Fail(type, fileName, $"'{fileName}' is larger than the {Mib(_options.MaxDocumentBytes)} limit; upload a smaller file.");

    private static CollateralFinding Fail(DocumentType type, string fileName, string reason) => new(type, fileName, false, reason);

    private static string DefaultExtension(CollateralFormat format) => format switch
    {
        CollateralFormat.PowerPoint => "pptx",
        CollateralFormat.Word => "docx",
        _ => "xlsx",
    };

    private static string Article(string label)
        => "AEIOU".Contains(label[0], StringComparison.Ordinal) || label.StartsWith("MP4", StringComparison.Ordinal) ? "an" : "a";

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit.TrimEnd('s')}" : $"{n} {unit}";

    private static string Mib(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB"),
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private sealed record Detection(CollateralFormat Format, string Label, int? Pages, string PageUnit)
    {
        public string? Failure { get; private init; }

        public static Detection Failed(string reason) => new(default, string.Empty, null, string.Empty) { Failure = reason };
    }
}
