using System.Buffers.Binary;
using System.Text;

namespace Disputes.Web.Files;

/// <summary>
/// Just enough of the OLE compound file format (MS-CFB) to list the entries at a file's root. Legacy Word and Excel
/// share the D0 CF 11 E0 signature with installers (.msi) and Outlook messages; the root entries tell them apart
/// ("WordDocument", "Workbook") and show whether macros are inside.
/// </summary>
internal static class CompoundFile
{
    public static ReadOnlySpan<byte> Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int HeaderLength = 512;
    private const int HeaderDifatCount = 109;
    private const int DirectoryEntryLength = 128;
    private const uint LastRegularSector = 0xFFFFFFFA;
    private const uint NoStream = 0xFFFFFFFF;

    /// <summary>The names of the root storage's children.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed compound file.</exception>
    public static async Task<IReadOnlySet<string>> ReadRootEntryNamesAsync(Stream file, CancellationToken ct)
    {
        var header = await ReadAtAsync(file, 0, HeaderLength, ct);
        if (!header.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a compound file.");
        }

        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1E));
        if (sectorShift is not (9 or 12))
        {
            throw new InvalidDataException("Unknown sector size.");
        }

        var sectorSize = 1 << sectorShift;
        var sectorCount = (file.Length - 1) / sectorSize;
        var fat = await ReadFatAsync(file, header, sectorSize, sectorCount, ct);
        var entries = await ReadDirectoryAsync(file, fat, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x30)), sectorSize, sectorCount, ct);
        return RootChildren(entries);
    }

    private static async Task<uint[]> ReadFatAsync(Stream file, byte[] header, int sectorSize, long sectorCount, CancellationToken ct)
    {
        var fatSectorCount = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x2C));
        if (fatSectorCount > sectorCount)
        {
            throw new InvalidDataException("More FAT sectors than sectors.");
        }

        // The header lists the first 109 FAT sectors; a chain of DIFAT sectors lists the rest.
        var fatSectors = new List<uint>((int)fatSectorCount);
        for (var i = 0; i < HeaderDifatCount && fatSectors.Count < fatSectorCount; i++)
        {
            fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x4C + 4 * i)));
        }

        var difatSector = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x44));
        for (var hops = 0; fatSectors.Count < fatSectorCount; hops++)
        {
            var difat = await ReadSectorAsync(file, CheckedSector(difatSector, sectorCount, hops), sectorSize, ct);
            for (var i = 0; i < sectorSize / 4 - 1 && fatSectors.Count < fatSectorCount; i++)
            {
                fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(difat.AsSpan(4 * i)));
            }

            difatSector = BinaryPrimitives.ReadUInt32LittleEndian(difat.AsSpan(sectorSize - 4));
        }

        var fat = new uint[fatSectors.Count * (sectorSize / 4)];
        for (var s = 0; s < fatSectors.Count; s++)
        {
            var sector = await ReadSectorAsync(file, CheckedSector(fatSectors[s], sectorCount, 0), sectorSize, ct);
            for (var i = 0; i < sectorSize / 4; i++)
            {
                fat[s * (sectorSize / 4) + i] = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(4 * i));
            }
        }

        return fat;
    }

    private static async Task<List<DirectoryEntry>> ReadDirectoryAsync(Stream file, uint[] fat, uint first, int sectorSize, long sectorCount, CancellationToken ct)
    {
        var entries = new List<DirectoryEntry>();
        var hops = 0;
        for (var sector = first; sector <= LastRegularSector; hops++)
        {
            var bytes = await ReadSectorAsync(file, CheckedSector(sector, sectorCount, hops), sectorSize, ct);
            for (var offset = 0; offset < sectorSize; offset += DirectoryEntryLength)
            {
                entries.Add(DirectoryEntry.Parse(bytes.AsSpan(offset, DirectoryEntryLength)));
            }

            sector = sector < fat.Length ? fat[sector] : throw new InvalidDataException("Sector outside the FAT.");
        }

        return entries;
    }

    /// <summary>The root's children form a tree linked through left and right siblings.</summary>
    private static HashSet<string> RootChildren(List<DirectoryEntry> entries)
    {
        if (entries.Count == 0 || entries[0].Type != DirectoryEntry.RootType)
        {
            throw new InvalidDataException("No root entry.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<uint>();
        var pending = new Stack<uint>([entries[0].Child]);
        while (pending.TryPop(out var id))
        {
            if (id == NoStream)
            {
                continue;
            }

            if (id >= entries.Count || !visited.Add(id))
            {
                throw new InvalidDataException("Broken directory tree.");
            }

            var entry = entries[(int)id];
            names.Add(entry.Name);
            pending.Push(entry.Left);
            pending.Push(entry.Right);
        }

        return names;
    }

    /// <summary>A sector number must lie inside the file, and no chain may be longer than the file has sectors (a loop).</summary>
    private static uint CheckedSector(uint sector, long sectorCount, int hops) =>
        sector < sectorCount && hops <= sectorCount ? sector : throw new InvalidDataException("Sector chain leaves the file.");

    /// <summary>Sector 0 follows the header, which takes a whole sector (512 or 4096 bytes).</summary>
    private static Task<byte[]> ReadSectorAsync(Stream file, uint sector, int sectorSize, CancellationToken ct) =>
        ReadAtAsync(file, (sector + 1L) * sectorSize, sectorSize, ct);

    /// <summary>Zeros past the end: some writers do not pad the last sector.</summary>
    private static async Task<byte[]> ReadAtAsync(Stream file, long offset, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        file.Position = offset;
        await file.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, ct);
        return buffer;
    }

    private sealed record DirectoryEntry(string Name, byte Type, uint Left, uint Right, uint Child)
    {
        public const byte RootType = 5;

        public static DirectoryEntry Parse(ReadOnlySpan<byte> entry)
        {
            var nameBytes = Math.Clamp(BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]) - 2, 0, 62);
            return new DirectoryEntry(
                Encoding.Unicode.GetString(entry[..(nameBytes & ~1)]),
                entry[0x42],
                BinaryPrimitives.ReadUInt32LittleEndian(entry[0x44..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[0x48..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[0x4C..]));
        }
    }
}
