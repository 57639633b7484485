using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Roster;
using Xunit.Abstractions;

namespace Disputes.Web.Tests.Roster;

/// <summary>
/// Files made to make the server work: tiny workbooks that declare millions of rows, a range 16,384 columns wide or a
/// table of strings that unpacks a thousandfold, and CSV cut short. Each is refused with its message within the time
/// budget, and the reading has stopped when the answer comes (it is awaited, not left running).
/// </summary>
public sealed class RosterHostileFileTests(ITestOutputHelper output)
{
    private const string HeaderCells = """<c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>欠薪金额</t></is></c>""";

    [Fact]
    public async Task A_declared_dimension_of_the_whole_sheet_is_not_believed_and_the_roster_is_read()
    {
        var sheet = $"""<dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:16384">{HeaderCells}</row>{WorkerRow(2, 1)}</sheetData>""";

        var (report, elapsed) = await TimedAsync(Workbook(sheet), "whole-sheet dimension");

        Assert.Null(report.FileError);
        Assert.Equal(1, report.ValidCount);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{elapsed}");
    }

    [Theory]
    [InlineData(RosterBudget.MaxLines + 1)]
    [InlineData(1_048_576)]
    public async Task A_row_numbered_far_down_counts_every_empty_row_above_it(int rowNumber)
    {
        var sheet = $"""<sheetData><row r="1">{HeaderCells}</row>{WorkerRow(2, 1)}{WorkerRow(rowNumber, 2)}</sheetData>""";

        var (report, elapsed) = await TimedAsync(Workbook(sheet), $"row {rowNumber}");

        Assert.Equal("roster.too-many-lines", report.FileError);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"{elapsed}");
    }

    [Fact]
    public async Task The_last_line_allowed_is_read()
    {
        var sheet = $"""<sheetData><row r="1">{HeaderCells}</row>{WorkerRow(RosterBudget.MaxLines, 1)}</sheetData>""";

        var (report, _) = await TimedAsync(Workbook(sheet), "last line allowed");

        Assert.Equal(RosterBudget.MaxLines, Assert.Single(report.Rows).Line);
    }

    [Fact]
    public async Task Cells_far_to_the_right_are_passed_over_unread()
    {
        var far = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"""<c r="{Column(16_383 - i)}2" t="inlineStr"><is><t>{new string('x', 100)}</t></is></c>"""));
        var sheet = $"""<sheetData><row r="1">{HeaderCells}</row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>{Id(1)}</t></is></c><c r="C2"><v>1000</v></c>{far}</row></sheetData>""";

        var (report, _) = await TimedAsync(Workbook(sheet), "cells far right");

        Assert.Equal(1, report.ValidCount);
    }

    [Fact]
    public async Task A_sheet_of_a_million_empty_cells_is_refused_before_its_time_is_up()
    {
        var rows = new StringBuilder();
        for (var r = 2; r <= 10_002; r++)
        {
            rows.Append("<row r=\"").Append(r).Append("\">");
            for (var c = 0; c < 100; c++)
            {
                rows.Append("<c r=\"").Append(Column(c)).Append(r).Append("\"/>");
            }

            rows.Append("</row>");
        }

        var (report, elapsed) = await TimedAsync(Workbook($"""<sheetData><row r="1">{HeaderCells}</row>{rows}</sheetData>"""), "a million cells");

        Assert.Equal("roster.file-too-complex", report.FileError);
        Assert.True(elapsed < RosterBudget.Time, $"{elapsed}");
    }

    [Theory]
    [InlineData(1_500)] // 230 KB zipped, 225 MB unpacked: refused by the sizes the zip declares
    [InlineData(100)] // 15 KB zipped, 15 MB unpacked: refused by the characters counted as the strings are read
    public async Task A_table_of_shared_strings_that_unpacks_a_thousandfold_is_refused(int entries)
    {
        var strings = new StringBuilder("""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        var text = new string('欠', 50_000);
        for (var i = 0; i < entries; i++)
        {
            strings.Append("<si><t>").Append(text).Append("</t></si>");
        }

        strings.Append("</sst>");
        var sheet = $"""<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>""";
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var bytes = Workbook(sheet, strings.ToString());
        var (report, elapsed) = await TimedAsync(bytes, $"shared strings ×{entries}");

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"{bytes.Length / 1024} KB zipped, {retained / 1024 / 1024} MB retained after the answer");
        Assert.Equal("roster.file-too-complex", report.FileError);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"{elapsed}");
        Assert.True(bytes.Length < RosterParser.MaxFileBytes);
    }

    [Fact]
    public async Task A_single_string_longer_than_a_part_may_be_is_refused()
    {
        var sheet = $"""<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{new string('a', (int)RosterBudget.MaxPartCharacters + 1024)}</t></is></c></row></sheetData>""";

        var (report, elapsed) = await TimedAsync(Workbook(sheet), "one long string");

        Assert.Equal("roster.file-too-complex", report.FileError);
        Assert.True(elapsed < RosterBudget.Time, $"{elapsed}");
    }

    [Theory]
    [InlineData("姓名,身份证号,欠薪金额\n张三,{id},1000\n\"李四,{id2},2000\n王五,{id3},3000\n")]
    [InlineData("姓名,身份证号,欠薪金额\n张三,{id},1000\n李四,\"{id2}")]
    public async Task A_csv_cut_short_inside_quotes_says_so(string csv)
    {
        var content = csv.Replace("{id3}", Id(3)).Replace("{id2}", Id(2)).Replace("{id}", Id(1));

        var (report, _) = await TimedAsync(Encoding.UTF8.GetBytes(content), "truncated csv", "roster.csv");

        Assert.Equal("roster.file-truncated", report.FileError);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task A_csv_of_more_empty_lines_than_allowed_is_refused()
    {
        var content = "姓名,身份证号,欠薪金额\n" + $"张三,{Id(1)},1000\n" + new string('\n', RosterBudget.MaxLines);

        var (report, _) = await TimedAsync(Encoding.UTF8.GetBytes(content), "empty lines", "roster.csv");

        Assert.Equal("roster.too-many-lines", report.FileError);
    }

    private async Task<(RosterReport Report, TimeSpan Elapsed)> TimedAsync(byte[] content, string what, string fileName = "roster.xlsx")
    {
        var watch = Stopwatch.StartNew();
        var report = await RosterParser.ParseAsync(new MemoryStream(content), fileName);
        output.WriteLine($"{what}: {content.Length:N0} bytes, {report.FileError ?? "read"} in {watch.ElapsedMilliseconds} ms");
        return (report, watch.Elapsed);
    }

    private static string WorkerRow(int row, int n) =>
        $"""<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>工人{n}</t></is></c><c r="B{row}" t="inlineStr"><is><t>{Id(n)}</t></is></c><c r="C{row}"><v>1000</v></c></row>""";

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    private static string Id(int n)
    {
        var first17 = $"320583{new DateOnly(1980, 1, 1).AddDays(n):yyyyMMdd}{n % 1000:D3}";
        return first17 + ResidentIdNumber.CheckCharacter(first17);
    }

    /// <summary>A minimal workbook written part by part, as an attacker would: whatever the sheet's XML says is kept.</summary>
    private static byte[] Workbook(string sheetData, string? sharedStrings = null)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                </Types>
                """,
            ["_rels/.rels"] = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>
                """,
            ["xl/workbook.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                </Relationships>
                """,
            ["xl/worksheets/sheet1.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}">{sheetData}</worksheet>""",
            ["xl/sharedStrings.xml"] = sharedStrings ?? $"""<sst xmlns="{Main}"/>""",
        };

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return zip.ToArray();
    }
}
