using System.IO.Compression;
using System.Text;
using CsvHelper;

namespace Disputes.Web.Features.Roster;

/// <summary>One line of a roster file: its line (or Excel row) number and its cells as read.</summary>
internal sealed record RosterLine(int Number, IReadOnlyList<object?> Cells);

/// <summary>Reads the lines of a roster file, CSV or .xlsx, without interpreting them.</summary>
internal static class RosterFile
{
    // Far beyond any real 5 MB workbook, far below what a crafted one ("zip bomb") would unpack to. The sizes are what
    // the zip declares; the reader counts what it actually unpacks (RosterBudget.MaxPartCharacters).
    private const long MaxUnpackedBytes = 100L * 1024 * 1024;

    // A real roster's sheet of 5,000 rows is about 2 MB of XML.
    private const long MaxPartBytes = 32L * 1024 * 1024;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Excel in China saves CSV as GBK unless told otherwise; GB18030 decodes GBK and more. Code pages
    /// come from the provider directly, so nothing is registered process-wide.
    /// </summary>
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    /// <summary>Null when the content is not a CSV file: a workbook renamed, or any other binary file.</summary>
    public static IEnumerable<RosterLine>? Csv(byte[] content, RosterBudget budget)
    {
        if (content.AsSpan().StartsWith(ZipMagic) || content.AsSpan().Contains((byte)0))
        {
            return null;
        }

        return CsvLines(Decode(content), budget);
    }

    /// <summary>The first worksheet, or an error code when the content is not a workbook one may open.</summary>
    public static IEnumerable<RosterLine> Xlsx(byte[] content, RosterBudget budget, out string? error)
    {
        error = CheckWorkbook(content);
        return error is null ? RosterWorkbook.Lines(content, budget) : [];
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

    /// <summary>
    /// RFC 4180 through CsvHelper: commas, quoted fields with doubled quotes, line breaks inside quotes, stray quotes kept
    /// as text. Every line is a line, empty ones too (their number is the file's); a quote never closed means the file was
    /// cut short, which is said rather than read as one long last field.
    /// </summary>
    private static IEnumerable<RosterLine> CsvLines(string text, RosterBudget budget)
    {
        var unterminated = false;
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
            OnMalformedRecord = record => unterminated |= record.Reason == CsvMalformedReason.UnterminatedQuote,
        };
        using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
        while (reader.Read())
        {
            if (unterminated)
            {
                throw new RosterFileException("roster.file-truncated");
            }

            var number = checked((int)reader.LineNumber);
            RosterBudget.CheckLine(number);
            budget.Check();
            var cells = new object?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            yield return new RosterLine(number, cells);
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

            // Refused by what the zip declares before anything is unpacked: the whole, and any one part.
            return zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes || zip.Entries.Any(e => e.Length > MaxPartBytes) ? "roster.file-too-complex" : null;
        }
        catch (InvalidDataException)
        {
            return "roster.file-type";
        }
    }
}
