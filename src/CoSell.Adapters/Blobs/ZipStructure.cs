using System.Buffers.Binary;

namespace CoSell.Adapters.Blobs;

/// <summary>Reads the end-of-central-directory record of a zip archive without inflating anything.</summary>
internal static class ZipStructure
{
    private const int EocdSize = 22;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>
    /// Finds a well-formed end-of-central-directory record at the end of <paramref name="data"/>: its
    /// comment reaches exactly the end of the data and its central directory starts with a file header.
    /// Used to spot a zip archive hidden behind another format's header (a polyglot).
    /// </summary>
    public static bool TryFindEndOfCentralDirectory(ReadOnlySpan<byte> data, out int declaredEntries)
    {
        declaredEntries = 0;
        int lowest = Math.Max(0, data.Length - EocdSize - MaxCommentLength);
        for (int at = data.Length - EocdSize; at >= lowest; at--)
        {
            if (data[at] != 0x50 || !data[at..].StartsWith("PK\x05\x06"u8))
            {
                continue;
            }

            ReadOnlySpan<byte> eocd = data[at..];
            ushort commentLength = BinaryPrimitives.ReadUInt16LittleEndian(eocd[20..]);
            if (at + EocdSize + commentLength != data.Length)
            {
                continue;
            }

            declaredEntries = BinaryPrimitives.ReadUInt16LittleEndian(eocd[10..]);
            uint directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(eocd[16..]);
            if (directoryOffset == uint.MaxValue)
            {
                // Zip64: the real offset lives in another record; the central directory check below cannot run.
                return true;
            }

            if (declaredEntries == 0)
            {
                return directoryOffset <= (uint)at;
            }

            // Archives appended after other data keep offsets relative to the archive start; accept either.
            uint directorySize = BinaryPrimitives.ReadUInt32LittleEndian(eocd[12..]);
            long appendedStart = at - (long)directorySize;
            return StartsWithCentralHeader(data, directoryOffset) || StartsWithCentralHeader(data, appendedStart);
        }

        return false;
    }

    private static bool StartsWithCentralHeader(ReadOnlySpan<byte> data, long offset)
        => offset >= 0 && offset + 4 <= data.Length && data[(int)offset..].StartsWith("PK\x01\x02"u8);
}
