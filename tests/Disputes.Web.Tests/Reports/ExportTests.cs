using System.Net;
using System.Text;
using CsvHelper;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Reports;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Disputes.Web.Tests.Reports;

/// <summary>Exports as a signed-in browser downloads them from the real app on SQLite, read back with MiniExcel and CsvHelper.</summary>
public sealed class ExportTests(ReportsData data) : IClassFixture<ReportsData>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task The_case_list_in_excel_is_the_boards_list_for_a_town_officer_with_a_formula_name_kept_as_text()
    {
        var client = await SignIn.AsAsync(data.App, "zp.officer");

        var response = await client.GetAsync("/exports/cases.xlsx?stage=all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportWriter.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("案件清单-", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var rows = Xlsx(await response.Content.ReadAsByteArrayAsync());
        var board = await data.Get<BoardQuery>().AllAsync(await data.ActorAsync("zp.officer"), new BoardFilter { AnyStage = true }, 1000);
        Assert.Equal(board.Select(r => r.Number), rows.Select(r => (string)r["案件编号"]!));
        Assert.Equal([data.Kejia, data.Formula], rows.Select(r => (string)r["案件编号"]!).Order());
        Assert.DoesNotContain(rows, r => (string)r["案件编号"]! == data.Foxconn);
        var formula = rows.Single(r => (string)r["案件编号"]! == data.Formula);
        Assert.Equal("'" + ReportsData.FormulaEnterprise, formula["企业"]);
        Assert.Equal("拖欠工资", formula["类型"]);
        Assert.Equal("Ⅳ级 一般", formula["响应等级"]);
        Assert.Equal(80_000d, Convert.ToDouble(formula["欠薪金额（元）"]));
    }

    [Fact]
    public async Task The_case_list_in_csv_has_a_byte_order_mark_follows_the_filter_and_leaves_out_other_towns()
    {
        var officer = await SignIn.AsAsync(data.App, "zp.officer");
        var duty = await SignIn.AsAsync(data.App, "duty");

        var forOfficer = await officer.GetByteArrayAsync("/exports/cases.csv?stage=all");
        var allForDuty = await duty.GetByteArrayAsync("/exports/cases.csv?stage=all");
        var absconding = await duty.GetByteArrayAsync("/exports/cases.csv?stage=all&type=AbscondingOwner");

        Assert.Equal(Bom, forOfficer[..3]);
        var officerRows = Csv(forOfficer);
        Assert.Equal([data.Kejia, data.Formula], officerRows.Select(r => r["案件编号"]).Order());
        Assert.Equal("'" + ReportsData.FormulaEnterprise, officerRows.Single(r => r["案件编号"] == data.Formula)["企业"]);
        Assert.Contains(Csv(allForDuty), r => r["案件编号"] == data.Foxconn && r["区镇"] == "玉山镇总工会");
        Assert.Equal([data.Kejia], Csv(absconding).Select(r => r["案件编号"]));
    }

    [Fact]
    public async Task The_roster_masks_id_numbers_and_phones_and_keeps_formula_names_as_text_in_both_formats()
    {
        var client = await SignIn.AsAsync(data.App, "zp.officer");

        var xlsx = await client.GetByteArrayAsync($"/exports/incidents/{data.Kejia}/roster.xlsx");
        var csv = await client.GetByteArrayAsync($"/exports/incidents/{data.Kejia}/roster.csv");

        var fromExcel = Xlsx(xlsx);
        var fromCsv = Csv(csv);
        Assert.Equal(3, fromExcel.Count);
        Assert.Equal(fromExcel.Select(r => (string)r["姓名"]!), fromCsv.Select(r => r["姓名"]));
        Assert.Equal(["'" + ReportsData.CommandWorker, "'" + ReportsData.FormulaWorker, "张三"], fromCsv.Select(r => r["姓名"]).Order(StringComparer.Ordinal));
        var zhangsan = fromCsv.Single(r => r["姓名"] == "张三");
        Assert.Equal(Disputes.Domain.Masking.IdNumber(data.IdNumbers[0]), zhangsan["身份证号"]);
        Assert.Matches("^320583\\*{8}\\d{3}[\\dX]$", zhangsan["身份证号"]);
        Assert.Equal("138****5678", zhangsan["联系电话"]);
        Assert.Equal("3000", zhangsan["尚欠（元）"].Split('.')[0]);
        var text = Encoding.UTF8.GetString(csv) + string.Join(",", fromExcel.SelectMany(r => r.Values).Select(v => v?.ToString()));
        Assert.All(data.IdNumbers, id => Assert.DoesNotContain(id, text));
        Assert.DoesNotContain(ReportsData.ZhangsanPhone, text);
        Assert.Equal(Bom, csv[..3]);
    }

    [Fact]
    public async Task The_ledger_lists_each_recovery_with_its_source_in_chinese_and_formula_notes_kept_as_text()
    {
        var client = await SignIn.AsAsync(data.App, "zp.officer");

        var rows = Csv(await client.GetByteArrayAsync($"/exports/incidents/{data.Kejia}/ledger.csv"));
        var sheet = Xlsx(await client.GetByteArrayAsync($"/exports/incidents/{data.Kejia}/ledger.xlsx"));

        Assert.Equal(2, rows.Count);
        Assert.Equal(("欠薪保障金垫付", "'" + ReportsData.FormulaNote), (rows[0]["来源"], rows[0]["备注"]));
        Assert.Equal(("企业支付", "'" + ReportsData.MinusNote), (rows[1]["来源"], rows[1]["备注"]));
        Assert.Equal("'" + ReportsData.MinusNote, sheet[1]["备注"]);
        Assert.Equal(5000d, Convert.ToDouble(sheet[0]["追回金额（元）"]));
        Assert.DoesNotContain(data.IdNumbers[0], string.Join(",", rows.SelectMany(r => r.Values)));
    }

    [Fact]
    public async Task Another_towns_officer_and_an_office_not_engaged_get_not_found_for_the_roster_and_ledger()
    {
        var yushan = await SignIn.AsAsync(data.App, "ys.officer");
        var justice = await SignIn.AsAsync(data.App, "zp.justice");
        var labour = await SignIn.AsAsync(data.App, "labor.liaison");

        Assert.Equal(HttpStatusCode.NotFound, (await yushan.GetAsync($"/exports/incidents/{data.Kejia}/roster.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yushan.GetAsync($"/exports/incidents/{data.Kejia}/ledger.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await justice.GetAsync($"/exports/incidents/{data.Kejia}/roster.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await labour.GetAsync($"/exports/incidents/{data.Kejia}/roster.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await data.App.CreateBrowserClient().GetAsync($"/exports/incidents/{data.Kejia}/roster.csv")).StatusCode);
    }

    [Fact]
    public async Task Response_times_give_a_town_officer_their_own_town_and_the_city_wide_figures_of_what_they_see()
    {
        var officer = await SignIn.AsAsync(data.App, "zp.officer");
        var duty = await SignIn.AsAsync(data.App, "duty");
        var (from, to) = Period();

        var own = Csv(await officer.GetByteArrayAsync($"/exports/response-times.csv?from={from}&to={to}"));
        var city = Xlsx(await duty.GetByteArrayAsync($"/exports/response-times.xlsx?from={from}&to={to}"));

        Assert.Equal(["张浦镇总工会", "合计"], own.Select(r => r["区镇"]));
        Assert.Equal(("2", "1", "20", "20", "1", "30"), (own[0]["案件数"], own[0]["已到场案件数"], own[0]["到场用时中位数（分钟）"],
            own[0]["到场用时90%分位（分钟）"], own[0]["已初报案件数"], own[0]["初报用时中位数（分钟）"]));
        Assert.Equal(12, city.Count);
        Assert.Equal(1d, Convert.ToDouble(city.Single(r => (string)r["区镇"]! == "玉山镇总工会")["案件数"]));
        Assert.Equal(3d, Convert.ToDouble(city[^1]["案件数"]));
        Assert.False((await duty.GetAsync($"/exports/response-times.csv?from={to}&to={from}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Every_export_is_recorded_with_who_what_scope_and_rows()
    {
        var client = await SignIn.AsAsync(data.App, "zp.chair");

        await client.GetByteArrayAsync($"/exports/incidents/{data.Kejia}/roster.csv");
        await client.GetByteArrayAsync("/exports/cases.xlsx?type=WageArrears&stage=all");

        var records = await data.App.WithDbAsync(db => db.ExportLog.AsNoTracking().Where(e => e.UserName == "陈卫东").ToListAsync());
        Assert.Equal(2, records.Count);
        var roster = records.Single(r => r.Kind == ExportKind.Roster);
        Assert.Equal((ExportFormat.Csv, data.Kejia, 3), (roster.Format, roster.Scope, roster.Rows));
        Assert.Equal($"{data.Kejia}-职工名册.csv", roster.FileName);
        var cases = records.Single(r => r.Kind == ExportKind.CaseList);
        Assert.Equal((ExportFormat.Xlsx, "?type=WageArrears&stage=all", 1), (cases.Format, cases.Scope, cases.Rows));
        Assert.Equal((await data.ActorAsync("zp.chair")).UserId, roster.UserId);
    }

    [Fact]
    public async Task The_board_offers_its_own_filtered_list_and_the_incident_page_its_roster_and_ledger_for_download()
    {
        var client = await SignIn.AsAsync(data.App, "zp.officer");

        var board = WebUtility.HtmlDecode(await client.GetStringAsync("/board?type=WageArrears&overdue=true"));
        var incident = WebUtility.HtmlDecode(await client.GetStringAsync($"/incidents/{data.Kejia}"));

        Assert.Contains("href=\"/exports/cases.xlsx?type=WageArrears&overdue=true\"", board);
        Assert.Contains("href=\"/exports/cases.csv?type=WageArrears&overdue=true\"", board);
        Assert.Contains($"href=\"/exports/incidents/{data.Kejia}/roster.xlsx\"", incident);
        Assert.Contains($"href=\"/exports/incidents/{data.Kejia}/ledger.csv\"", incident);
    }

    [Fact]
    public void A_filter_survives_the_round_trip_through_an_export_link()
    {
        var filter = new BoardFilter
        {
            TownId = 7, Type = Disputes.Domain.Incidents.IncidentType.Closure, Grade = Disputes.Domain.Incidents.SeverityGrade.II,
            Stage = Disputes.Domain.Incidents.Stage.Responding, OverdueOnly = true, Search = "科家 塑胶&=",
        };
        // The wall's filters too: each of its figures opens the board, and the board's export, on the same incidents.
        var wall = new BoardFilter
        {
            OverdueOnly = true, OverdueKind = Disputes.Domain.Incidents.PlanStepKind.InitialReport,
            Department = Disputes.Domain.Organisations.DepartmentKind.Justice,
            FromUtc = new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2026, 11, 25, 1, 30, 0, DateTimeKind.Utc),
            On = BoardEvent.Escalated, Level = 2, Unread = true, Step = Disputes.Domain.Incidents.PlanStepKind.ArriveOnScene,
            RecoveredFrom = Disputes.Domain.Workers.RecoverySource.WageGuaranteeFund,
        };
        Assert.Equal(wall, BoardFilter.FromQuery(new Microsoft.AspNetCore.Http.QueryCollection(QueryHelpers.ParseQuery(wall.ToQueryString()))));
        Assert.Equal("/board" + wall.ToQueryString(), wall.Href());

        var parsed = BoardFilter.FromQuery(new Microsoft.AspNetCore.Http.QueryCollection(QueryHelpers.ParseQuery(filter.ToQueryString())));

        Assert.Equal(filter, parsed);
        Assert.Equal(new BoardFilter { AnyStage = true }, BoardFilter.FromQuery(new Microsoft.AspNetCore.Http.QueryCollection(QueryHelpers.ParseQuery("?stage=all"))));
    }

    [Fact]
    public async Task A_text_that_starts_like_a_formula_gets_an_apostrophe_and_a_number_stays_a_number()
    {
        var table = new ExportTable("表", ["文本", "数字"], [["-5", -5], ["=A1", 1.5m], ["@x", 0], ["+1", 2], ["\tx", 3], ["安全", 4]]);

        var csv = Csv((await ExportWriter.WriteAsync(table, ExportFormat.Csv, "t")).Content);
        var sheet = Xlsx((await ExportWriter.WriteAsync(table, ExportFormat.Xlsx, "t")).Content);

        string[] neutralised = ["'-5", "'=A1", "'@x", "'+1", "'\tx", "安全"];
        Assert.Equal(neutralised, csv.Select(r => r["文本"]));
        Assert.Equal(["-5", "1.5", "0", "2", "3", "4"], csv.Select(r => r["数字"]));
        Assert.Equal(neutralised, sheet.Select(r => (string)r["文本"]!));
        Assert.Equal(-5d, Convert.ToDouble(sheet[0]["数字"]));
    }

    private static (string From, string To) Period()
    {
        var today = DateOnly.FromDateTime(Disputes.Domain.ChinaTime.FromUtc(DateTime.UtcNow));
        return (today.AddDays(-2).ToString("yyyy-MM-dd"), today.AddDays(2).ToString("yyyy-MM-dd"));
    }

    private static List<IDictionary<string, object?>> Xlsx(byte[] content) =>
        MiniExcel.Query(new MemoryStream(content), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    private static List<Dictionary<string, string>> Csv(byte[] content)
    {
        using var reader = CsvReader.Create(content, CsvReaderOptions.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        }

        return rows;
    }
}
