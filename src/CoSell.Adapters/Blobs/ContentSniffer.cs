using System.Buffers.Binary;
using System.Text;

namespace CoSell.Adapters.Blobs;

/// <summary>What the first bytes of a file say it is; the inspector then parses it for real.</summary>
internal enum SniffedKind
{
    Unknown,
    Pdf,
    Zip,
    CompoundFile,
    Jpeg,
    Png,
    IsoMedia,
}

/// <summary>Magic-byte detection. Never looks at the file name or content type.</summary>
internal static class ContentSniffer
{
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> CfbMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static SniffedKind Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PdfMagic))
        {
            return SniffedKind.Pdf;
        }

        if (data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8))
        {
            return SniffedKind.Zip;
        }

        if (data.StartsWith(CfbMagic))
        {
            return SniffedKind.CompoundFile;
        }

        if (data.StartsWith(PngMagic))
        {
            return SniffedKind.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return SniffedKind.Jpeg;
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return SniffedKind.IsoMedia;
        }

        return SniffedKind.Unknown;
    }

    /// <summary>A plain-English name for content that is not an allowed format (used in "found: ...").</summary>
    public static string DescribeUnknown(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("MZ"u8))
        {
            return "Windows executable";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "Linux executable (ELF)";
        }

        if (data.Length >= 4)
        {
            uint be = BinaryPrimitives.ReadUInt32BigEndian(data);
            if (be is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE)
            {
                return "macOS executable (Mach-O)";
            }

            if (be == 0xCAFEBABE)
            {
                return "Java class or macOS universal binary";
            }
        }

        if (data.StartsWith("#!"u8))
        {
            return "script";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "GIF image";
        }

        if (data.StartsWith("RIFF"u8))
        {
            return "RIFF media (WAV, AVI or WebP)";
        }

        if (data.StartsWith("Rar!"u8))
        {
            return "RAR archive";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]))
        {
            return "7-Zip archive";
        }

        if (data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B)
        {
            return "gzip archive";
        }

        if (data.StartsWith("{\\rtf"u8))
        {
            return "Rich Text Format document";
        }

        if (data.StartsWith("%!PS"u8))
        {
            return "PostScript document";
        }

        if (LooksLikeText(data))
        {
            ReadOnlySpan<byte> head = data.TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]).TrimStart(" \t\r\n"u8);
            return head.Length > 0 && head[0] == (byte)'<' ? "HTML or XML text" : "plain text";
        }

        return "unrecognised binary data";
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> sample = data[..Math.Min(data.Length, 4096)];
        foreach (byte b in sample)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                return false;
            }
        }

        return Encoding.UTF8.GetCharCount(sample) > 0;
    }
}
