using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Extended = DocumentFormat.OpenXml.ExtendedProperties;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;
using Wordprocessing = DocumentFormat.OpenXml.Wordprocessing;

namespace CoSell.Integration.Tests.Collateral;

/// <summary>Builds every test document in memory: nothing binary is committed.</summary>
internal static class CollateralFixtures
{
    private const long ZeroRunBytes = 200L * 1024 * 1024;

    private static readonly Lazy<byte[]> ZeroRunZip = new(() => Zip(("zeros.bin", ZeroRunBytes)));

    /// <summary>A real PDF with the given number of pages, each with a line of text.</summary>
    public static byte[] Pdf(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        PdfDocumentBuilder.AddedFont font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (int i = 1; i <= pages; i++)
        {
            PdfPageBuilder page = builder.AddPage(PageSize.A4);
            page.AddText(string.Create(CultureInfo.InvariantCulture, $"Contoso one-pager, page {i}"), 12, new PdfPoint(40, 780), font);
        }

        return builder.Build();
    }

    /// <summary>
    /// A hand-made PDF whose trailer carries an /Encrypt dictionary (standard security handler, RC4 128-bit)
    /// with a user-password hash that the empty password does not match: readers ask for a password.
    /// </summary>
    public static byte[] PasswordProtectedPdf()
    {
        string hash = new('A', 64);
        return HandMadePdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                $"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{hash}> /U <{hash}> >>",
            ],
            "/Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    }

    /// <summary>
    /// A hand-made PDF encrypted with the standard security handler (revision 2, RC4 40-bit) with an
    /// EMPTY user password and an owner password: it opens without a password, only permissions are restricted.
    /// </summary>
#pragma warning disable CA5351 // The PDF standard security handler (revision 2) is defined with MD5 and RC4; this builds a test fixture.
    public static byte[] OwnerRestrictedPdf(int pages)
    {
        byte[] id = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");
        const int Permissions = -44;
        byte[] ownerKey = MD5.HashData(PadPassword("owner-secret"))[..5];
        byte[] o = Rc4(ownerKey, PadPassword(string.Empty));
        byte[] p = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(p, Permissions);
        byte[] fileKey = MD5.HashData([.. PadPassword(string.Empty), .. o, .. p, .. id])[..5];
        byte[] u = Rc4(fileKey, PadPassword(string.Empty));
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(4, pages).Select(i => $"{i} 0 R"))}] /Count {pages} >>",
            $"<< /Filter /Standard /V 1 /R 2 /P {Permissions} /O <{Convert.ToHexString(o)}> /U <{Convert.ToHexString(u)}> >>",
        };
        objects.AddRange(Enumerable.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>", pages));
        return HandMadePdf(objects, $"/Root 1 0 R /Encrypt 3 0 R /ID [<{Convert.ToHexString(id)}> <{Convert.ToHexString(id)}>]");
    }
#pragma warning restore CA5351

    /// <summary>A hand-made PDF whose page tree has <paramref name="realPages"/> pages but whose /Count claims <paramref name="declaredCount"/>.</summary>
    public static byte[] PdfWithLyingPageCount(int realPages, int declaredCount)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(3, realPages).Select(i => $"{i} 0 R"))}] /Count {declaredCount} >>",
        };
        objects.AddRange(Enumerable.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>", realPages));
        return HandMadePdf(objects, "/Root 1 0 R");
    }

    /// <summary>A hand-made PDF whose page tree loops back on itself and holds no page.</summary>
    public static byte[] PdfWithCyclicPageTree() => HandMadePdf(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ],
        "/Root 1 0 R");

    /// <summary>A PDF header followed by deterministic garbage: no objects, no cross-reference table.</summary>
    public static byte[] GarbagePdf()
    {
        var random = new Random(42);
        byte[] garbage = new byte[4096];
        random.NextBytes(garbage);
        return [.. "%PDF-1.7\n"u8, .. garbage];
    }

    /// <summary>The first 40 % of a real 3-page PDF (an interrupted download).</summary>
    public static byte[] TruncatedPdf()
    {
        byte[] full = Pdf(3);
        return full[..(full.Length * 2 / 5)];
    }

    /// <summary>A real one-page PDF with a complete ZIP archive appended (a PDF/ZIP polyglot).</summary>
    public static byte[] PdfZipPolyglot() => [.. Pdf(1), .. Zip(("payload.txt", 1024))];

    /// <summary>A PowerPoint (.pptx) presentation with the given number of slides.</summary>
    public static byte[] Pptx(int slides, PresentationDocumentType kind = PresentationDocumentType.Presentation)
    {
        using var stream = new MemoryStream();
        using (PresentationDocument document = PresentationDocument.Create(stream, kind))
        {
            PresentationPart presentationPart = document.AddPresentationPart();
            var slideIds = new SlideIdList();
            presentationPart.Presentation = new Presentation(
                slideIds,
                new SlideSize { Cx = 12192000, Cy = 6858000 },
                new NotesSize { Cx = 6858000, Cy = 9144000 });
            for (int i = 0; i < slides; i++)
            {
                SlidePart slidePart = presentationPart.AddNewPart<SlidePart>();
                slidePart.Slide = new Slide(new CommonSlideData(new ShapeTree(
                    new NonVisualGroupShapeProperties(
                        new NonVisualDrawingProperties { Id = 1U, Name = string.Empty },
                        new NonVisualGroupShapeDrawingProperties(),
                        new ApplicationNonVisualDrawingProperties()),
                    new GroupShapeProperties(new Drawing.TransformGroup()))));
                slideIds.Append(new SlideId { Id = (uint)(256 + i), RelationshipId = presentationPart.GetIdOfPart(slidePart) });
            }
        }

        return stream.ToArray();
    }

    /// <summary>A Word (.docx) document; with <paramref name="pagesInAppXml"/> it carries docProps/app.xml as Word writes it.</summary>
    public static byte[] Docx(int? pagesInAppXml = null, WordprocessingDocumentType kind = WordprocessingDocumentType.Document)
    {
        using var stream = new MemoryStream();
        using (WordprocessingDocument document = WordprocessingDocument.Create(stream, kind))
        {
            MainDocumentPart main = document.AddMainDocumentPart();
            main.Document = new Wordprocessing.Document(new Wordprocessing.Body(
                new Wordprocessing.Paragraph(new Wordprocessing.Run(new Wordprocessing.Text("Contoso helps customers ship faster.")))));
            if (pagesInAppXml is int pages)
            {
                ExtendedFilePropertiesPart app = document.AddExtendedFilePropertiesPart();
                app.Properties = new Extended.Properties(
                    new Extended.Application("Microsoft Office Word"),
                    new Extended.Pages(pages.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return stream.ToArray();
    }

    /// <summary>An Excel (.xlsx) workbook with one sheet.</summary>
    public static byte[] Xlsx()
    {
        using var stream = new MemoryStream();
        using (SpreadsheetDocument document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            WorkbookPart workbook = document.AddWorkbookPart();
            WorksheetPart sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Spreadsheet.Worksheet(new Spreadsheet.SheetData());
            workbook.Workbook = new Spreadsheet.Workbook(new Spreadsheet.Sheets(
                new Spreadsheet.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1U, Name = "Revenue" }));
        }

        return stream.ToArray();
    }

    /// <summary>A plain zip whose one entry is a 200 MiB run of zeros (about 200 KB compressed).</summary>
    public static byte[] ZipBomb() => ZeroRunZip.Value;

    /// <summary>A valid .docx with an extra part of <paramref name="zeroBytes"/> zeros (compresses about 1000:1).</summary>
    public static byte[] DocxWithZeroRun(long zeroBytes) => WithExtraEntry(Docx(1), "word/media/filler.bin", zeroBytes);

    /// <summary>
    /// A .docx whose main part inflates to 200 MiB while the zip directory declares it as 1 KB
    /// (a lying-header zip bomb): size checks on declared sizes alone would let it through.
    /// </summary>
    public static byte[] DocxWithLyingMainPart()
    {
        byte[] bytes = Repack(Docx(1), "word/document.xml", s =>
        {
            s.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"u8);
            WriteRun(s, ZeroRunBytes, (byte)' ');
            s.Write("</w:body></w:document>"u8);
        });
        PatchDeclaredUncompressedSize(bytes, "word/document.xml", 1024);
        return bytes;
    }

    /// <summary>A Windows executable (DOS stub and PE header) as a renamed .pdf would carry it.</summary>
    public static byte[] WindowsExecutable()
    {
        byte[] exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        BinaryPrimitives.WriteInt32LittleEndian(exe.AsSpan(0x3C), 0x80);
        "This program cannot be run in DOS mode.\r\r\n$"u8.CopyTo(exe.AsSpan(0x4E));
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    /// <summary>The start of a Linux ELF executable.</summary>
    public static byte[] LinuxExecutable() => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];

    /// <summary>A 1x1 PNG: signature, IHDR, IDAT, IEND.</summary>
    public static byte[] Png()
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8;
        header[9] = 2;
        PngChunk(stream, "IHDR", header);
        PngChunk(stream, "IDAT", [0x78, 0x9C, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]);
        PngChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>A 1x1 baseline JPEG: SOI, APP0 (JFIF), SOF0, SOS with a little scan data, EOI.</summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
        0xD2, 0xCF, 0x20,
        0xFF, 0xD9,
    ];

    /// <summary>An ISO base-media file with an ftyp box of the given major brand and a small mdat box.</summary>
    public static byte[] IsoMedia(string majorBrand)
    {
        byte[] file = new byte[24 + 16];
        BinaryPrimitives.WriteUInt32BigEndian(file, 24);
        "ftyp"u8.CopyTo(file.AsSpan(4));
        Encoding.ASCII.GetBytes(majorBrand).CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(12), 0x200);
        Encoding.ASCII.GetBytes(majorBrand).CopyTo(file.AsSpan(16));
        "mp41"u8.CopyTo(file.AsSpan(20));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(24), 16);
        "mdat"u8.CopyTo(file.AsSpan(28));
        return file;
    }

    /// <summary>An OLE compound file (MS-CFB, version 3) holding the named streams (4 KiB of zeros each).</summary>
    public static byte[] CompoundFile(params string[] streamNames)
        => CompoundFile(streamNames.Select(n => (n, Array.Empty<byte>())).ToArray());

    /// <summary>
    /// An OLE compound file (MS-CFB, version 3, 512-byte sectors) holding the given streams. Every stream is
    /// padded to at least 4 KiB so it lives in regular sectors, as the streams legacy Office reads first do.
    /// </summary>
    public static byte[] CompoundFile(params (string Name, byte[] Content)[] streams)
    {
        const int SectorSize = 512;
        const uint EndOfChain = 0xFFFFFFFE;
        const uint FatSector = 0xFFFFFFFD;
        const uint Free = 0xFFFFFFFF;
        byte[][] contents = streams.Select(s => Pad(s.Content, Math.Max(4096, (s.Content.Length + SectorSize - 1) / SectorSize * SectorSize))).ToArray();
        int directorySectors = ((streams.Length + 1) * 128 + SectorSize - 1) / SectorSize;
        int totalSectors = 1 + directorySectors + contents.Sum(c => c.Length / SectorSize);
        if (totalSectors > SectorSize / 4)
        {
            throw new ArgumentException("This fixture writer keeps the whole FAT in one sector.", nameof(streams));
        }

        byte[] file = new byte[(totalSectors + 1) * SectorSize];
        Span<byte> header = file.AsSpan(0, SectorSize);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (int i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (i * 4))..], i == 0 ? 0 : Free);
        }

        uint[] fat = Enumerable.Repeat(Free, SectorSize / 4).ToArray();
        fat[0] = FatSector;
        for (int d = 0; d < directorySectors; d++)
        {
            fat[1 + d] = d == directorySectors - 1 ? EndOfChain : (uint)(2 + d);
        }

        int nextSector = 1 + directorySectors;
        var starts = new List<int>();
        foreach (byte[] content in contents)
        {
            int sectors = content.Length / SectorSize;
            starts.Add(nextSector);
            content.CopyTo(file.AsSpan((nextSector + 1) * SectorSize));
            for (int s = 0; s < sectors; s++)
            {
                fat[nextSector + s] = s == sectors - 1 ? EndOfChain : (uint)(nextSector + s + 1);
            }

            nextSector += sectors;
        }

        for (int i = 0; i < fat.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SectorSize + (i * 4)), fat[i]);
        }

        Span<byte> directory = file.AsSpan(2 * SectorSize, directorySectors * SectorSize);
        WriteDirectoryEntry(directory, 0, "Root Entry", type: 5, child: streams.Length > 0 ? 1u : Free, right: Free, start: EndOfChain, size: 0);
        for (int i = 0; i < streams.Length; i++)
        {
            uint right = i + 1 < streams.Length ? (uint)(i + 2) : Free;
            WriteDirectoryEntry(directory, i + 1, streams[i].Name, type: 2, child: Free, right: right, start: (uint)starts[i], size: (uint)contents[i].Length);
        }

        return file;
    }

    /// <summary>A Word 97-2003 (.doc) file whose FIB says whether it is encrypted.</summary>
    public static byte[] WordBinary(bool encrypted)
    {
        byte[] fib = new byte[32];
        BinaryPrimitives.WriteUInt16LittleEndian(fib, 0xA5EC);
        BinaryPrimitives.WriteUInt16LittleEndian(fib.AsSpan(2), 0x00C1);
        BinaryPrimitives.WriteUInt16LittleEndian(fib.AsSpan(0x0A), (ushort)(encrypted ? 0x0100 : 0x0000));
        return CompoundFile(("WordDocument", fib), ("1Table", []));
    }

    /// <summary>An Excel 97-2003 (.xls) file: BOF, optionally FILEPASS (encrypted), a CODEPAGE record, EOF.</summary>
    public static byte[] ExcelBinary(bool encrypted)
    {
        using var records = new MemoryStream();
        BiffRecord(records, 0x0809, [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        if (encrypted)
        {
            BiffRecord(records, 0x002F, [0x01, 0x00, 0x01, 0x00, 0x01, 0x00, .. new byte[48]]);
        }

        BiffRecord(records, 0x0042, [0xB0, 0x04]);
        BiffRecord(records, 0x000A, []);
        return CompoundFile(("Workbook", records.ToArray()));
    }

    /// <summary>A stream that hands out its bytes in small pieces and cannot seek, like a request body.</summary>
    public static Stream Unseekable(byte[] bytes) => new UnseekableStream(bytes);

    /// <summary>A zip archive with entries of the given sizes (all zeros).</summary>
    public static byte[] Zip(params (string Name, long Size)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, long size) in entries)
            {
                using Stream s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                WriteRun(s, size, 0);
            }
        }

        return stream.ToArray();
    }

    private static byte[] WithExtraEntry(byte[] package, string name, long zeroBytes)
        => Repack(package, name, s => WriteRun(s, zeroBytes, 0));

    /// <summary>Copies a zip package entry by entry, replacing (or adding) <paramref name="name"/> with streamed content.</summary>
    private static byte[] Repack(byte[] package, string name, Action<Stream> write)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var stream = new MemoryStream();
        using (var target = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries.Where(e => e.FullName != name))
            {
                using Stream from = entry.Open();
                using Stream to = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                from.CopyTo(to);
            }

            using Stream added = target.CreateEntry(name, CompressionLevel.Optimal).Open();
            write(added);
        }

        return stream.ToArray();
    }

    private static void WriteRun(Stream stream, long count, byte value)
    {
        byte[] chunk = new byte[1024 * 1024];
        Array.Fill(chunk, value);
        for (long left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    /// <summary>Offset of the first byte of an entry's (compressed) data, found through its local file header.</summary>
    public static int IndexOfEntryData(byte[] zip, string entryName)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int at = 0; at + 30 <= zip.Length; at++)
        {
            ReadOnlySpan<byte> span = zip.AsSpan(at);
            if (span.StartsWith("PK\x03\x04"u8) && span[30..].StartsWith(name) && BinaryPrimitives.ReadUInt16LittleEndian(span[26..]) == name.Length)
            {
                return at + 30 + name.Length + BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            }
        }

        throw new ArgumentException($"No entry '{entryName}'.", nameof(entryName));
    }

    private static void PatchDeclaredUncompressedSize(byte[] zip, string entryName, uint declared)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int at = 0; at + 46 <= zip.Length; at++)
        {
            Span<byte> span = zip.AsSpan(at);
            if (span.StartsWith("PK\x03\x04"u8) && span[30..].StartsWith(name) && BinaryPrimitives.ReadUInt16LittleEndian(span[26..]) == name.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[22..], declared);
            }
            else if (span.StartsWith("PK\x01\x02"u8) && span[46..].StartsWith(name) && BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) == name.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[24..], declared);
            }
        }
    }

    private static byte[] HandMadePdf(List<string> objects, string trailerEntries)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (int offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} {trailerEntries} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static byte[] PadPassword(string password)
    {
        byte[] padding = Convert.FromHexString("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A");
        byte[] bytes = Encoding.ASCII.GetBytes(password);
        return [.. bytes.Take(32), .. padding.Take(32 - Math.Min(32, bytes.Length))];
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        byte[] state = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + state[i] + key[i % key.Length]) & 0xFF;
            (state[i], state[j]) = (state[j], state[i]);
        }

        byte[] output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + state[i]) & 0xFF;
            (state[i], state[j]) = (state[j], state[i]);
            output[n] = (byte)(data[n] ^ state[(state[i] + state[j]) & 0xFF]);
        }

        return output;
    }

    private static byte[] Pad(byte[] content, int length)
    {
        byte[] padded = new byte[length];
        content.CopyTo(padded, 0);
        return padded;
    }

    private static void BiffRecord(Stream stream, ushort type, byte[] data)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)data.Length);
        stream.Write(header);
        stream.Write(data);
    }

    private static void PngChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(type));
        stream.Write(data);
        stream.Write([0, 0, 0, 0]);
    }

    private static void WriteDirectoryEntry(Span<byte> directory, int index, string name, byte type, uint child, uint right, uint start, uint size)
    {
        Span<byte> entry = directory.Slice(index * 128, 128);
        int nameBytes = Encoding.Unicode.GetBytes(name, entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)(nameBytes + 2));
        entry[66] = type;
        entry[67] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[120..], size);
    }

    private sealed class UnseekableStream(byte[] bytes) : Stream
    {
        private int _position;

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
            int n = Math.Min(Math.Min(count, 8192), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
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
