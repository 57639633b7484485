using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Disputes.Web.Features.Roster;

/// <summary>One line of a roster file: its line (or Excel row) number and its cells as read.</summary>
internal sealed record RosterLine(int Number, IReadOnlyList<object?> Cells);

/// <summary>Reads the lines of a roster file, CSV or .xlsx, without interpreting them.</summary>
internal static class RosterFile
{
    // Far beyond any real 5 MB workbook, far below what a crafted one ("zip bomb") would unpack to.
    private const long MaxUnpackedBytes = 100L * 1024 * 1024;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Excel in China saves CSV as GBK unless told otherwise; GB18030 decodes GBK and more. Code pages
    /// come from the provider directly, so nothing is registered process-wide.
    /// </summary>
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    /// <summary>Null when the content is not a CSV file: a workbook renamed, or any other binary file.</summary>
    public static IEnumerable<RosterLine>? Csv(byte[] content)
    {
        if (content.AsSpan().StartsWith(ZipMagic) || content.AsSpan().Contains((byte)0))
        {
            return null;
        }

        return CsvLines(Decode(content));
    }

    /// <summary>The first worksheet, or an error code when the content is not a workbook one may open.</summary>
    public static IEnumerable<RosterLine> Xlsx(byte[] content, out string? error)
    {
        error = CheckWorkbook(content);
        return error is null ? XlsxLines(content) : [];
    }

    private static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(Utf8Bom))
        {
            return Encoding.UTF8.GetString(content, Utf8Bom.Length, content.Length - Utf8Bom.Length);
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(content);
        }
    }

    /// <summary>RFC 4180: commas, quoted fields with doubled quotes, line breaks inside quotes; forgiving of stray quotes.</summary>
    private static IEnumerable<RosterLine> CsvLines(string text)
    {
        var line = 1;
        var start = 1;
        var cells = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                cells.Add(field.ToString());
                field.Clear();
                yield return new RosterLine(start, cells);
                cells = [];
                start = ++line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            yield return new RosterLine(start, cells);
        }
    }

    private static string? CheckWorkbook(byte[] content)
    {
        if (!content.AsSpan().StartsWith(ZipMagic))
        {
            return "roster.file-type";
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "roster.file-type"; // a Word document or any other zip
            }

            return zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes ? "roster.file-too-large" : null;
        }
        catch (InvalidDataException)
        {
            return "roster.file-type";
        }
    }

    private static IEnumerable<RosterLine> XlsxLines(byte[] content)
    {
        // Shared strings stay in memory: the default cache spills large tables to temporary files on the server.
        var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false };
        using var stream = new MemoryStream(content);
        var number = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX, configuration: configuration))
        {
            // MiniExcel yields the empty rows in between too, so the count is the row number Excel shows.
            yield return new RosterLine(++number, [.. row.Values]);
        }
    }
}
