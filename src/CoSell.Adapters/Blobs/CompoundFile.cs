using System.Buffers.Binary;
using System.Text;

namespace CoSell.Adapters.Blobs;

/// <summary>
/// Minimal, bounds-checked reader of an OLE compound file (MS-CFB): legacy .ppt/.doc/.xls and
/// encrypted OOXML packages. It only lists the directory entry names, following FAT chains with
/// loop protection; it never trusts a count or a sector number it has not checked.
/// </summary>
internal static class CompoundFile
{
    private const uint MaxRegularSector = 0xFFFFFFFA;
    private const int HeaderSize = 512;
    private const int DirectoryEntrySize = 128;
    private const int HeaderDifatEntries = 109;

    /// <summary>Returns the names of every used directory entry (storages and streams), or null when the structure is damaged.</summary>
    public static IReadOnlyList<string>? TryReadEntryNames(ReadOnlySpan<byte> data, int maxEntries)
    {
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

        uint directorySector = BinaryPrimitives.ReadUInt32LittleEndian(data[0x30..]);
        var names = new List<string>();
        var visited = new HashSet<uint>();
        uint sector = directorySector;
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

                names.Add(Encoding.Unicode.GetString(entry[..(nameBytes - 2)]));
                if (names.Count > maxEntries)
                {
                    return null;
                }
            }

            sector = fat[sector];
        }

        return names.Count == 0 ? null : names;
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
}
