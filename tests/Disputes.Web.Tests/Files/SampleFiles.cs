using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Disputes.Web.Tests.Files;

/// <summary>Tiny files with the real leading bytes of each format, built here so the tests show what they rely on.</summary>
public static class SampleFiles
{
    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Png { get; } = [0x89, .. "PNG\r\n\x1A\n"u8, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE];

    public static byte[] Gif { get; } = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x3B];

    public static byte[] WebP { get; } = [.. "RIFF"u8, 0x1A, 0, 0, 0, .. "WEBPVP8L"u8, 0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00];

    /// <summary>What an iPhone writes: major brand heic, compatible mif1 and heic.</summary>
    public static byte[] IphoneHeic { get; } = Ftyp("heic", "mif1", "heic");

    public static byte[] Heif { get; } = Ftyp("mif1", "mif1", "miaf");

    public static byte[] Avif { get; } = Ftyp("avif", "avif", "mif1", "miaf");

    public static byte[] Mp4Video { get; } = Ftyp("isom", "isom", "iso2", "mp41");

    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Doc { get; } = CompoundFile("WordDocument", "1Table", "\u0005SummaryInformation");

    public static byte[] DocWithMacros { get; } = CompoundFile("WordDocument", "1Table", "Macros");

    public static byte[] Xls { get; } = CompoundFile("Workbook", "\u0005SummaryInformation");

    /// <summary>A Windows installer: the same signature as .doc, none of its streams.</summary>
    public static byte[] Msi { get; } = CompoundFile("\u4840\u3f3f\u4577\u6c68\u3e6a\u3ce4\u4836", "\u0005SummaryInformation");

    public static byte[] Docx { get; } = Zip(("[Content_Types].xml", ContentTypes), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>"));

    public static byte[] Xlsx { get; } = Zip(("[Content_Types].xml", ContentTypes), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", "<worksheet/>"));

    public static byte[] Docm { get; } = Zip(("[Content_Types].xml", ContentTypes), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "macro"));

    public static byte[] PlainZip { get; } = Zip(("工资表.csv", "姓名,金额\n张三,5000\n"), ("readme.txt", "hi"));

    public static byte[] Exe { get; } = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8];

    public static byte[] Html { get; } = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

    public static byte[] Svg { get; } = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>");

    public static byte[] ShellScript { get; } = Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf ~\n");

    private const string ContentTypes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

    private static byte[] Ftyp(string majorBrand, params string[] compatibleBrands)
    {
        var box = new List<byte>();
        box.AddRange(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(16 + 4 * compatibleBrands.Length)));
        box.AddRange("ftyp"u8.ToArray());
        box.AddRange(Encoding.ASCII.GetBytes(majorBrand));
        box.AddRange([0, 0, 0, 0]);
        foreach (var brand in compatibleBrands)
        {
            box.AddRange(Encoding.ASCII.GetBytes(brand));
        }

        // The next box, as in a real file: the image data follows.
        box.AddRange([0, 0, 0, 8, .. "meta"u8]);
        return [.. box];
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A version 3 compound file (MS-CFB): header, one FAT sector, one directory sector holding the root and the
    /// given streams at its top level (linked as a chain of right siblings). Stream contents do not matter here.
    /// </summary>
    private static byte[] CompoundFile(params string[] rootStreams)
    {
        const int sector = 512;
        const uint endOfChain = 0xFFFFFFFE, free = 0xFFFFFFFF, fatSector = 0xFFFFFFFD;
        var file = new byte[3 * sector];
        var header = file.AsSpan(0, sector);
        ReadOnlySpan<byte> signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1); // one FAT sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1); // directory starts at sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], endOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], endOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x4C..], 0); // the FAT is sector 0
        for (var i = 1; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + 4 * i)..], free);
        }

        var fat = file.AsSpan(sector, sector);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, fatSector);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], endOfChain);

        var directory = file.AsSpan(2 * sector, sector);
        for (var id = 0; id < sector / 128; id++)
        {
            var isRoot = id == 0;
            var isStream = id >= 1 && id <= rootStreams.Length;
            var entry = directory.Slice(id * 128, 128);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], free);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], isStream && id < rootStreams.Length ? (uint)id + 1 : free);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], isRoot && rootStreams.Length > 0 ? 1 : free);
            if (isRoot || isStream)
            {
                var name = isRoot ? "Root Entry" : rootStreams[id - 1];
                Encoding.Unicode.GetBytes(name).CopyTo(entry);
                BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)(2 * name.Length + 2));
                entry[0x42] = isRoot ? (byte)5 : (byte)2;
                entry[0x43] = 1; // black
                BinaryPrimitives.WriteUInt32LittleEndian(entry[0x74..], endOfChain);
            }
        }

        return file;
    }
}
