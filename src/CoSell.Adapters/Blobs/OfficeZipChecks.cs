using System.IO.Compression;

namespace CoSell.Adapters.Blobs;

/// <summary>Zip-bomb and integrity checks on an Office package before anything parses its parts.</summary>
internal static class OfficeZipChecks
{
    /// <summary>
    /// Inflates every entry into nothing, at most one byte past its declared size, and checks its CRC-32:
    /// a part that lies about its size, is truncated or corrupt is caught with a fixed 80 KiB buffer.
    /// Total work is bounded by <see cref="CollateralOptions.MaxZipTotalBytes"/>.
    /// </summary>
    internal static string? CheckIntegrity(string fileName, ZipArchive zip)
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

    internal static string? CheckLimits(string fileName, ZipArchive zip, CollateralOptions options)
    {
        const string Advice = "it is not a normal Office file (possibly a zip bomb); save it again from PowerPoint, Word or Excel and upload that";
        if (zip.Entries.Count > options.MaxZipEntries)
        {
            return $"'{fileName}' has {zip.Entries.Count} parts (at most {options.MaxZipEntries} allowed); {Advice}.";
        }

        long total = 0;
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            long size = entry.Length;
            if (size > options.MaxZipEntryBytes)
            {
                return $"'{fileName}' has a part '{entry.FullName}' that expands to {CollateralMessages.Mib(size)} (at most {CollateralMessages.Mib(options.MaxZipEntryBytes)} per part); {Advice}.";
            }

            if (size >= options.MinZipRatioCheckBytes && size > (long)options.MaxZipCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                return $"'{fileName}' has a part '{entry.FullName}' that expands {size / Math.Max(1, entry.CompressedLength)} times (at most {options.MaxZipCompressionRatio} times); {Advice}.";
            }

            total += size;
            if (total > options.MaxZipTotalBytes)
            {
                return $"'{fileName}' expands to more than {CollateralMessages.Mib(options.MaxZipTotalBytes)} in total; {Advice}.";
            }
        }

        return null;
    }
}
