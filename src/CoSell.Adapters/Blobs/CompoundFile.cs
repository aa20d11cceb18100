using System.Buffers.Binary;
using System.Text;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// Minimal, bounds-checked reader of an OLE compound file (MS-CFB): legacy .ppt/.doc/.xls and
/// encrypted OOXML packages. It lists directory entries and reads the start of a stream, following
/// FAT chains with loop protection; it never trusts a count or a sector number it has not checked.
/// </summary>
internal sealed class CompoundFile
{
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int HeaderSize = 512;
    private const int DirectoryEntrySize = 128;
    private const int HeaderDifatEntries = 109;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly uint[] _fat;
    private readonly int _sectorSize;
    private readonly long _sectorCount;
    private readonly uint _miniStreamCutoff;

    private CompoundFile(ReadOnlyMemory<byte> data, uint[] fat, int sectorSize, long sectorCount, uint miniStreamCutoff, IReadOnlyList<Entry> entries)
    {
        _data = data;
        _fat = fat;
        _sectorSize = sectorSize;
        _sectorCount = sectorCount;
        _miniStreamCutoff = miniStreamCutoff;
        Entries = entries;
    }

    /// <summary>Every used directory entry (storages and streams).</summary>
    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>Opens the structure, or returns null when it is damaged.</summary>
    public static CompoundFile? TryOpen(ReadOnlyMemory<byte> memory, int maxEntries)
    {
        ReadOnlySpan<byte> data = memory.Span;
        if (data.Length < HeaderSize)
        {
            return null;
        }

        ushort sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(data[0x1E..]);
        if (sectorShift is not (9 or 12))
        {
            return null;
        }

        int sectorSize = 1 << sectorShift;
        long sectorCount = (data.Length - (long)sectorSize) / sectorSize;
        if (sectorCount <= 0)
        {
            return null;
        }

        uint[]? fat = ReadFat(data, sectorSize, sectorCount);
        if (fat is null)
        {
            return null;
        }

        var entries = new List<Entry>();
        var visited = new HashSet<uint>();
        uint sector = BinaryPrimitives.ReadUInt32LittleEndian(data[0x30..]);
        while (sector <= MaxRegularSector)
        {
            if (sector >= sectorCount || sector >= fat.Length || !visited.Add(sector))
            {
                return null;
            }

            ReadOnlySpan<byte> bytes = SectorAt(data, sectorSize, sector);
            for (int offset = 0; offset + DirectoryEntrySize <= sectorSize; offset += DirectoryEntrySize)
            {
                ReadOnlySpan<byte> entry = bytes.Slice(offset, DirectoryEntrySize);
                byte objectType = entry[66];
                if (objectType is not (1 or 2 or 5))
                {
                    continue;
                }

                ushort nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
                if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 != 0)
                {
                    return null;
                }

                entries.Add(new Entry(
                    Encoding.Unicode.GetString(entry[..(nameBytes - 2)]),
                    objectType == 2,
                    BinaryPrimitives.ReadUInt32LittleEndian(entry[116..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(entry[120..])));
                if (entries.Count > maxEntries)
                {
                    return null;
                }
            }

            sector = fat[sector];
        }

        if (entries.Count == 0)
        {
            return null;
        }

        uint cutoff = BinaryPrimitives.ReadUInt32LittleEndian(data[0x38..]);
        return new CompoundFile(memory, fat, sectorSize, sectorCount, cutoff, entries);
    }

    /// <summary>The stream entry with this name (case-insensitive, as MS-CFB compares names), or null.</summary>
    public Entry? FindStream(string name)
        => Entries.FirstOrDefault(e => e.IsStream && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of a stream stored in regular sectors. Returns null for
    /// small streams kept in the mini stream (not read here) and for broken chains.
    /// </summary>
    public byte[]? TryReadStreamPrefix(Entry stream, int maxBytes)
    {
        if (!stream.IsStream || stream.Size < _miniStreamCutoff)
        {
            return null;
        }

        ReadOnlySpan<byte> data = _data.Span;
        int wanted = (int)Math.Min(stream.Size, (uint)maxBytes);
        byte[] result = new byte[wanted];
        int copied = 0;
        var visited = new HashSet<uint>();
        uint sector = stream.StartSector;
        while (copied < wanted)
        {
            if (sector > MaxRegularSector || sector >= _sectorCount || sector >= _fat.Length || !visited.Add(sector))
            {
                return null;
            }

            int n = Math.Min(_sectorSize, wanted - copied);
            SectorAt(data, _sectorSize, sector)[..n].CopyTo(result.AsSpan(copied));
            copied += n;
            sector = _fat[sector];
        }

        return result;
    }

    private static uint[]? ReadFat(ReadOnlySpan<byte> data, int sectorSize, long sectorCount)
    {
        uint fatSectorCount = BinaryPrimitives.ReadUInt32LittleEndian(data[0x2C..]);
        int perSector = sectorSize / 4;
        if (fatSectorCount == 0 || fatSectorCount > (sectorCount / perSector) + 1)
        {
            return null;
        }

        var fatSectors = new List<uint>((int)fatSectorCount);
        for (int i = 0; i < HeaderDifatEntries && fatSectors.Count < fatSectorCount; i++)
        {
            fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(data[(0x4C + (i * 4))..]));
        }

        uint difatSector = BinaryPrimitives.ReadUInt32LittleEndian(data[0x44..]);
        var visited = new HashSet<uint>();
        while (fatSectors.Count < fatSectorCount)
        {
            if (difatSector > MaxRegularSector || difatSector >= sectorCount || !visited.Add(difatSector))
            {
                return null;
            }

            ReadOnlySpan<byte> difat = SectorAt(data, sectorSize, difatSector);
            for (int i = 0; i < perSector - 1 && fatSectors.Count < fatSectorCount; i++)
            {
                fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(difat[(i * 4)..]));
            }

            difatSector = BinaryPrimitives.ReadUInt32LittleEndian(difat[((perSector - 1) * 4)..]);
        }

        var fat = new uint[fatSectors.Count * perSector];
        for (int s = 0; s < fatSectors.Count; s++)
        {
            uint fatSector = fatSectors[s];
            if (fatSector >= sectorCount)
            {
                return null;
            }

            ReadOnlySpan<byte> bytes = SectorAt(data, sectorSize, fatSector);
            for (int i = 0; i < perSector; i++)
            {
                fat[(s * perSector) + i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
            }
        }

        return fat;
    }

    private static ReadOnlySpan<byte> SectorAt(ReadOnlySpan<byte> data, int sectorSize, uint sector)
        => data.Slice((int)((sector + 1L) * sectorSize), sectorSize);

    internal sealed record Entry(string Name, bool IsStream, uint StartSector, uint Size);
}
