using System.Globalization;
using global::CsvHelper;
using Disputes.Domain.Reports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Disputes.Web.Features.Reports;

/// <summary>
/// A table to hand out, already in the reader's words: headers and cell values are localised texts, numbers or nothing;
/// personal numbers are masked before they get here. One table becomes one worksheet or one CSV file.
/// </summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>A finished file: its bytes, the name to save it under, its content type and how many data rows it holds.</summary>
public sealed record ExportFile(byte[] Content, string FileName, string ContentType, int Rows);

/// <summary>Writes tables as .xlsx (MiniExcel) or as CSV (CsvHelper, UTF-8 with a byte-order mark so Excel reads Chinese).</summary>
public static class ExportWriter
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"), tab and CR included.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>CsvHelper's own guard against formulas puts the same apostrophe in front as <see cref="Neutralise"/>.</summary>
    private static readonly CsvWriterOptions CsvOptions = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => ".xlsx",
        ExportFormat.Csv => ".csv",
        ExportFormat.Docx => ".docx",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// A text a spreadsheet would take for a formula (=HYPERLINK(…), +cmd|…, @SUM(…), -2+3) gets a leading apostrophe, so it
    /// stays text when the file is opened or a cell is edited. Numbers are written as numbers and never pass through here.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;

    public static async Task<ExportFile> WriteAsync(ExportTable table, ExportFormat format, string fileStem, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        switch (format)
        {
            case ExportFormat.Xlsx:
                await WriteXlsxAsync(table, stream, cancellationToken);
                break;
            case ExportFormat.Csv:
                await WriteCsvAsync(table, stream, cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Tables are written as .xlsx or .csv.");
        }

        return new ExportFile(stream.ToArray(), fileStem + Extension(format), format == ExportFormat.Xlsx ? XlsxContentType : CsvContentType, table.Rows.Count);
    }

    private static async Task WriteXlsxAsync(ExportTable table, Stream stream, CancellationToken cancellationToken)
    {
        // A row is a dictionary keyed by header: MiniExcel takes the first row's keys for the header row, in order.
        var rows = table.Rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(table.Headers.Count);
            for (var i = 0; i < table.Headers.Count; i++)
            {
                cells[table.Headers[i]] = row[i] is string text ? Neutralise(text) : row[i];
            }

            return (IDictionary<string, object?>)cells;
        });
        var configuration = new OpenXmlConfiguration
        {
            // Widths in characters: a Chinese character is two.
            DynamicColumns = table.Headers.Select(h => new DynamicExcelColumn(h) { Width = Math.Max(10, WidthOf(table, h)) }).ToArray(),
        };
        await MiniExcel.SaveAsAsync(stream, rows, printHeader: true, sheetName: table.SheetName, excelType: ExcelType.XLSX,
            configuration: configuration, cancellationToken: cancellationToken);
    }

    private static async Task WriteCsvAsync(ExportTable table, Stream stream, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, CsvOptions, leaveOpen: true);
        foreach (var header in table.Headers)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        foreach (var row in table.Rows)
        {
            foreach (var cell in row)
            {
                // Text goes through the injection guard; numbers are written as numbers, a negative one included.
                if (cell is string text)
                {
                    csv.WriteField(text);
                }
                else
                {
                    csv.WriteField(cell);
                }
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static int WidthOf(ExportTable table, string header)
    {
        var column = -1;
        for (var i = 0; i < table.Headers.Count; i++)
        {
            if (table.Headers[i] == header)
            {
                column = i;
            }
        }

        // The first hundred rows tell the width well enough; a 10,000-row export need not measure every cell.
        var widest = table.Rows.Take(100).Select(r => r[column]?.ToString() ?? string.Empty).Append(header).Max(DisplayWidth);
        return Math.Min(60, widest + 2);
    }

    private static int DisplayWidth(string text) => text.Sum(c => c > 0x2E7F ? 2 : 1);
}
