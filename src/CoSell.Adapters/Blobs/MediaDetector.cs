using System.Buffers.Binary;

namespace CoSell.Adapters.Blobs;

/// <summary>Detects JPEG, PNG and ISO base media (MP4) files from their headers.</summary>
internal static class MediaDetector
{
    private static readonly HashSet<string> Mp4Brands = new(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "mmp4", "MSNV", "dash", "f4v ",
    };

    internal static Detection InspectJpeg(string fileName, ReadOnlySpan<byte> data)
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
                    : Detection.Failed(CollateralMessages.DamagedImage(fileName, "JPEG"));
            }

            pos += 2 + length;
        }

        return Detection.Failed(CollateralMessages.DamagedImage(fileName, "JPEG"));
    }

    internal static Detection InspectPng(string fileName, ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 + 25 || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data[12..16].SequenceEqual("IHDR"u8)
            || BinaryPrimitives.ReadUInt32BigEndian(data[16..]) == 0 || BinaryPrimitives.ReadUInt32BigEndian(data[20..]) == 0)
        {
            return Detection.Failed(CollateralMessages.DamagedImage(fileName, "PNG"));
        }

        return new Detection(CollateralFormat.Png, "PNG image", null, "pages");
    }

    internal static Detection InspectIsoMedia(string fileName, ReadOnlySpan<byte> data)
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
        return CollateralMessages.NotAllowed(fileName, found);
    }
}
