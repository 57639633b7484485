using System.IO.Compression;
using System.Text;
using Disputes.Domain;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Roster;
using MiniExcelLibs;

namespace Disputes.Web.Tests.Roster;

public sealed class RosterParserTests
{
    private const string Header = "姓名,身份证号,手机号,欠薪金额";

    [Fact]
    public async Task Reads_a_utf8_csv_with_chinese_headers()
    {
        var report = await ParseCsvAsync(Encoding.UTF8.GetPreamble(), $"""
            {Header}
            张三,{Id(1)},13812345678,"12,345.67"
            李四,{Id(2)},,3000元
            """);

        Assert.Null(report.FileError);
        Assert.Equal(2, report.ValidCount);
        Assert.Equal(0, report.InvalidCount);
        Assert.Equal(Money.FromYuan(15_345.67m), report.TotalOwed);
        var first = report.Rows[0];
        Assert.Equal((2, "张三", Id(1), "13812345678", "12,345.67"), (first.Line, first.Name, first.IdNumberText, first.PhoneText, first.AmountText));
        Assert.Equal(ResidentIdNumber.Parse(Id(1)), first.IdNumber);
        Assert.Equal(Money.FromYuan(12_345.67m), first.AmountOwed);
        Assert.Equal("", report.Rows[1].PhoneText);
    }

    [Fact]
    public async Task Reads_a_utf8_csv_without_a_byte_order_mark()
    {
        var report = await ParseCsvAsync([], $"{Header}\n王五,{Id(3)},13900000000,5000\n");

        Assert.Equal("王五", Assert.Single(report.Rows).Name);
    }

    [Fact]
    public async Task Reads_a_csv_saved_by_excel_in_china_as_gbk()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var bytes = gbk.GetBytes($"姓名,身份证号码,联系电话,欠款金额\r\n欧阳娜娜,{Id(4)},0512-57701234,1.5万\r\n");

        var report = await ParseAsync(bytes, "花名册.csv");

        var row = Assert.Single(report.Rows);
        Assert.Equal("欧阳娜娜", row.Name);
        Assert.Equal(Money.FromYuan(15_000m), row.AmountOwed);
        Assert.True(row.IsValid);
    }

    [Fact]
    public async Task Reads_the_first_worksheet_of_an_xlsx_file_with_numbers_in_number_cells()
    {
        var bytes = Xlsx(
            new Dictionary<string, object?> { ["姓名"] = "张三", ["身份证号"] = Id(1), ["手机"] = 13812345678d, ["欠薪金额"] = 12345.67d },
            new Dictionary<string, object?> { ["姓名"] = "李四", ["身份证号"] = Id(2), ["手机"] = null, ["欠薪金额"] = 0.1 + 0.2 });

        var report = await ParseAsync(bytes, "Roster.XLSX");

        Assert.Null(report.FileError);
        Assert.Equal([2, 3], report.Rows.Select(r => r.Line));
        Assert.All(report.Rows, r => Assert.Empty(r.Errors));
        Assert.Equal("13812345678", report.Rows[0].PhoneText);
        Assert.Equal(Money.FromYuan(12_345.67m), report.Rows[0].AmountOwed);
        Assert.Equal(Money.FromYuan(0.3m), report.Rows[1].AmountOwed); // as Excel shows it, not 0.30000000000000004
    }

    [Fact]
    public async Task An_id_number_stored_as_an_excel_number_has_lost_digits_and_is_refused()
    {
        var bytes = Xlsx(new Dictionary<string, object?> { ["姓名"] = "张三", ["身份证号"] = 320583199001011232d, ["欠薪金额"] = 5000d });

        var row = Assert.Single((await ParseAsync(bytes, "roster.xlsx")).Rows);

        Assert.Equal(["id-number.length"], row.Errors);
        Assert.Null(row.IdNumber);
    }

    [Fact]
    public async Task Finds_the_header_below_a_title_and_numbers_rows_as_excel_does()
    {
        var bytes = Xlsx(
            printHeader: false,
            new Dictionary<string, object?> { ["A"] = "科家塑胶欠薪职工花名册", ["B"] = null, ["C"] = null, ["D"] = null },
            new Dictionary<string, object?> { ["A"] = null, ["B"] = null, ["C"] = null, ["D"] = null },
            new Dictionary<string, object?> { ["A"] = "序号", ["B"] = "姓名", ["C"] = "身份证号", ["D"] = "欠薪金额（元）" },
            new Dictionary<string, object?> { ["A"] = 1d, ["B"] = "张三", ["C"] = Id(1), ["D"] = 8000d },
            new Dictionary<string, object?> { ["A"] = 2d, ["B"] = null, ["C"] = null, ["D"] = null }, // numbered but empty
            new Dictionary<string, object?> { ["A"] = 3d, ["B"] = "李四", ["C"] = Id(2), ["D"] = 9000d });

        var report = await ParseAsync(bytes, "roster.xlsx");

        Assert.Equal([(4, "张三"), (6, "李四")], report.Rows.Select(r => (r.Line, r.Name)));
        Assert.Equal(2, report.ValidCount);
    }

    [Fact]
    public async Task Recognises_english_headers_in_any_order()
    {
        var report = await ParseCsvAsync([], $"""
            Amount owed (CNY),Phone number,ID No.,Name
            4500.50,+86 138 1234 5678,{Id(5)},Li Lei
            """);

        var row = Assert.Single(report.Rows);
        Assert.Equal(("Li Lei", Money.FromYuan(4_500.50m)), (row.Name, row.AmountOwed));
        Assert.True(row.IsValid);
    }

    [Fact]
    public async Task Recognises_headers_with_spaces_required_marks_and_units()
    {
        var report = await ParseCsvAsync([], $"""
             * 职工姓名 ,联系方式,公民身份号码 ,应发工资（元）
            张三,13812345678,{Id(6)},6000
            """);

        Assert.True(Assert.Single(report.Rows).IsValid);
    }

    [Fact]
    public async Task Figures_in_a_column_headed_in_wan_are_tens_of_thousands_of_yuan()
    {
        var report = await ParseCsvAsync([], $"姓名,身份证号,欠薪金额（万元）\n张三,{Id(7)},1.5\n李四,{Id(8)},2万\n王五,{Id(9)},8000元\n");

        Assert.Equal([Money.FromYuan(15_000m), Money.FromYuan(20_000m), Money.FromYuan(8_000m)], report.Rows.Select(r => r.AmountOwed!.Value));
    }

    [Theory]
    [InlineData(",{id},13812345678,5000", "roster.name-missing")]
    [InlineData("张三,,13812345678,5000", "id-number.required")]
    [InlineData("张三,32058319900101123,13812345678,5000", "id-number.length")]
    [InlineData("张三,32058319900101123A,13812345678,5000", "id-number.character")]
    [InlineData("张三,320506197802290014,13812345678,5000", "id-number.birth-date")]
    [InlineData("张三,320583199001011233,13812345678,5000", "id-number.check")]
    [InlineData("张三,{id},138-123,5000", "roster.phone-format")]
    [InlineData("张三,{id},1381234567812345678,5000", "roster.phone-format")]
    [InlineData("张三,{id},138 1234 567a,5000", "roster.phone-format")]
    [InlineData("张三,{id},13812345678,", "roster.amount-missing")]
    [InlineData("张三,{id},13812345678,五千", "money.format")]
    [InlineData("张三,{id},13812345678,-5000", "money.negative")]
    [InlineData("张三,{id},13812345678,5000.001", "money.precision")]
    [InlineData("张三,{id},13812345678,20000000000", "money.too-large")]
    public async Task A_row_with_a_problem_says_which(string line, string expected)
    {
        var report = await ParseCsvAsync([], $"{Header}\n{line.Replace("{id}", Id(9), StringComparison.Ordinal)}\n李四,{Id(10)},,100\n");

        Assert.Equal([expected], report.Rows[0].Errors);
        Assert.Equal((1, 1), (report.ValidCount, report.InvalidCount));
        Assert.Equal(Money.FromYuan(100m), report.TotalOwed);
    }

    [Fact]
    public async Task A_row_reports_every_problem_it_has()
    {
        var report = await ParseCsvAsync([], $"{Header}\n,123,12,abc\n");

        Assert.Equal(["roster.name-missing", "id-number.length", "roster.phone-format", "money.format"], Assert.Single(report.Rows).Errors);
    }

    [Fact]
    public async Task The_same_id_number_again_is_marked_on_the_later_rows_only()
    {
        var report = await ParseCsvAsync([], $"""
            {Header}
            张三,{Id(1)},,1000
            李四,{Id(2)},,2000
            张三,{Id(1).ToLowerInvariant()} ,,1000
            张三丰,{Id(1)},,3000
            """);

        Assert.Equal([[], [], ["roster.duplicate"], ["roster.duplicate"]], report.Rows.Select(r => r.Errors));
        Assert.Equal(Money.FromYuan(3_000m), report.TotalOwed);
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_line_numbers_stay_those_of_the_file()
    {
        var report = await ParseCsvAsync([], $"\n{Header}\n\n张三,{Id(1)},,1000\n,,,\n  \n李四,{Id(2)},,2000\n\n");

        Assert.Equal([4, 7], report.Rows.Select(r => r.Line));
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var report = await ParseCsvAsync([], $"{Header}\r\n\"欧阳\"\"娜娜\"\"\",\"{Id(1)}\",,\"1,000\"\r\n\"张\r\n三\",{Id(2)},,2000\r\n李四,{Id(3)},,3000\r\n");

        Assert.Equal(["欧阳\"娜娜\"", "张\r\n三", "李四"], report.Rows.Select(r => r.Name));
        Assert.Equal([2, 3, 5], report.Rows.Select(r => r.Line));
        Assert.Equal(Money.FromYuan(1_000m), report.Rows[0].AmountOwed);
    }

    [Theory]
    [InlineData("roster.xls")]
    [InlineData("roster.txt")]
    [InlineData("roster")]
    [InlineData("roster.csv.exe")]
    public async Task Only_csv_and_xlsx_files_are_read(string fileName)
    {
        var report = await ParseAsync(Encoding.UTF8.GetBytes($"{Header}\n张三,{Id(1)},,1000\n"), fileName);

        Assert.Equal("roster.file-type", report.FileError);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task A_csv_file_renamed_to_xlsx_is_refused()
    {
        var report = await ParseAsync(Encoding.UTF8.GetBytes($"{Header}\n张三,{Id(1)},,1000\n"), "roster.xlsx");

        Assert.Equal("roster.file-type", report.FileError);
    }

    [Fact]
    public async Task A_workbook_renamed_to_csv_is_refused()
    {
        var report = await ParseAsync(Xlsx(new Dictionary<string, object?> { ["姓名"] = "张三" }), "roster.csv");

        Assert.Equal("roster.file-type", report.FileError);
    }

    [Fact]
    public async Task A_binary_file_renamed_to_csv_is_refused()
    {
        byte[] oldExcel = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00];

        Assert.Equal("roster.file-type", (await ParseAsync(oldExcel, "roster.csv")).FileError);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_workbook_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml").Open());
            writer.Write("<document/>");
        }

        Assert.Equal("roster.file-type", (await ParseAsync(zip.ToArray(), "roster.xlsx")).FileError);
    }

    [Fact]
    public async Task A_broken_workbook_is_refused()
    {
        var bytes = Xlsx(new Dictionary<string, object?> { ["姓名"] = "张三", ["身份证号"] = Id(1), ["欠薪金额"] = 1d });

        Assert.Equal("roster.file-type", (await ParseAsync(bytes[..(bytes.Length / 2)], "roster.xlsx")).FileError);
    }

    [Fact]
    public async Task A_workbook_with_unreadable_insides_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in new[] { "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml" })
            {
                using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
                writer.Write("<not really xml");
            }
        }

        Assert.Equal("roster.file-type", (await ParseAsync(zip.ToArray(), "roster.xlsx")).FileError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData(Header + "\n")]
    [InlineData(Header + "\n,,,\n")]
    public async Task A_file_without_workers_is_empty(string content)
    {
        Assert.Equal("roster.file-empty", (await ParseCsvAsync([], content)).FileError);
    }

    [Fact]
    public async Task An_empty_workbook_is_empty()
    {
        var report = await ParseAsync(Xlsx(new Dictionary<string, object?> { ["姓名"] = null, ["身份证号"] = null, ["欠薪金额"] = null }), "roster.xlsx");

        Assert.Equal("roster.file-empty", report.FileError);
    }

    [Fact]
    public async Task A_header_without_the_required_columns_names_those_missing()
    {
        var report = await ParseCsvAsync([], $"姓名,电话,备注\n张三,13812345678,{Id(1)}\n");

        Assert.Equal("roster.header-missing", report.FileError);
        Assert.Equal([RosterColumn.IdNumber, RosterColumn.AmountOwed], report.MissingColumns);
    }

    [Fact]
    public async Task Rows_of_data_without_any_header_miss_every_required_column()
    {
        var report = await ParseCsvAsync([], $"张三,{Id(1)},13812345678,1000\n");

        Assert.Equal("roster.header-missing", report.FileError);
        Assert.Equal([RosterColumn.Name, RosterColumn.IdNumber, RosterColumn.AmountOwed], report.MissingColumns);
    }

    [Fact]
    public async Task Five_thousand_rows_are_read()
    {
        var report = await ParseCsvAsync([], Roster(RosterParser.MaxRows));

        Assert.Equal(RosterParser.MaxRows, report.ValidCount);
        Assert.Equal(Money.FromYuan(RosterParser.MaxRows * 1_000m), report.TotalOwed);
    }

    [Fact]
    public async Task More_than_five_thousand_rows_are_refused()
    {
        var report = await ParseCsvAsync([], Roster(RosterParser.MaxRows + 1));

        Assert.Equal("roster.too-many-rows", report.FileError);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public async Task A_file_over_five_megabytes_is_refused_even_when_its_length_is_unknown()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\n" + new string(',', RosterParser.MaxFileBytes));

        var seekable = await ParseAsync(bytes, "roster.csv");
        var streamed = await RosterParser.ParseAsync(new UnknownLengthStream(bytes), "roster.csv");

        Assert.Equal("roster.file-too-large", seekable.FileError);
        Assert.Equal("roster.file-too-large", streamed.FileError);
    }

    [Fact]
    public async Task A_file_of_exactly_five_megabytes_is_read()
    {
        // Padded with spaces in a column the roster does not read: empty lines would count against the lines allowed.
        var text = $"{Header}\n张三,{Id(1)},,1000,";
        var bytes = Encoding.UTF8.GetBytes(text + new string(' ', RosterParser.MaxFileBytes - Encoding.UTF8.GetByteCount(text)));

        Assert.Single((await RosterParser.ParseAsync(new UnknownLengthStream(bytes), "roster.csv")).Rows);
    }

    /// <summary>A valid ID number, different for each <paramref name="n"/>.</summary>
    private static string Id(int n)
    {
        var first17 = $"320583{new DateOnly(1980, 1, 1).AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}";
        return first17 + ResidentIdNumber.CheckCharacter(first17);
    }

    private static string Roster(int rows) =>
        Header + "\n" + string.Concat(Enumerable.Range(1, rows).Select(n => $"工人{n},{Id(n)},,1000\n"));

    private static Task<RosterReport> ParseCsvAsync(byte[] preamble, string text) =>
        ParseAsync([.. preamble, .. Encoding.UTF8.GetBytes(text)], "roster.csv");

    private static Task<RosterReport> ParseAsync(byte[] content, string fileName) =>
        RosterParser.ParseAsync(new MemoryStream(content), fileName);

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows) => Xlsx(printHeader: true, rows);

    private static byte[] Xlsx(bool printHeader, params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, printHeader);
        return stream.ToArray();
    }

    /// <summary>Like a browser upload: read forward only, its length not known in advance.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
