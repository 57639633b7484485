using System.Net;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.PersonalData;
using Disputes.Web.Tests.Infrastructure;
using Disputes.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.PersonalData;

/// <summary>
/// Whole ID numbers and phones: only for the roles the setting names, only with a reason, only for an incident the user
/// sees, shown for a minute, and on the audit trail with the reason before anything is shown. Exports stay masked unless
/// the same holds; the advance roster (垫付名册) exists only that way.
/// </summary>
public sealed class RevealTests(ReportsData data) : IClassFixture<ReportsData>
{
    private PersonalDataAccess Access => data.Get<PersonalDataAccess>();

    [Theory]
    [InlineData("zp.chair", true)]
    [InlineData("duty", true)]
    [InlineData("labor.liaison", true)]
    [InlineData("zp.officer", false)]
    [InlineData("zp.justice", false)]
    [InlineData("leader", false)]
    public async Task The_default_setting_lets_the_chair_the_duty_officer_and_the_labour_liaison_reveal(string userName, bool allowed) =>
        Assert.Equal(allowed, Access.MayReveal(await data.ActorAsync(userName)));

    [Fact]
    public async Task A_reveal_with_a_reason_shows_the_whole_numbers_for_a_minute_and_is_on_the_trail_first()
    {
        var chair = await data.ActorAsync("zp.chair");
        var zhangsan = await WorkerAsync("张三");

        var result = await Access.RevealAsync(chair, data.Kejia, zhangsan, "欠薪保障金垫付核对");

        var whole = Assert.IsType<RevealedNumbers>(result.Numbers);
        Assert.Equal((data.IdNumbers[0], ReportsData.ZhangsanPhone), (whole.IdNumber, whole.Phone));
        Assert.Equal(data.App.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), whole.ShownUntilUtc);
        var entry = (await RevealsAsync()).Last();
        Assert.Equal(("陈卫东", data.Kejia, "欠薪保障金垫付核对"), (entry.UserName, entry.IncidentNumber, entry.Detail));
        Assert.StartsWith("worker:张三 ", entry.Object);
        Assert.DoesNotContain(data.IdNumbers[0], entry.Object);
    }

    [Theory]
    [InlineData("zp.officer", "法律援助", "reveal.not-allowed")]
    [InlineData("leader", "法律援助", "reveal.not-allowed")]
    [InlineData("zp.chair", null, "reveal.reason-required")]
    [InlineData("zp.chair", "  ", "reveal.reason-required")]
    [InlineData("zp.chair", "查", "reveal.reason-required")]
    [InlineData("zp.chair", "法律援助\u202e", "reveal.reason-invalid")]
    [InlineData("zp.chair", "法律\u0000援助", "reveal.reason-invalid")]
    public async Task A_reveal_without_the_permission_or_a_fit_reason_shows_nothing_and_leaves_no_entry(string userName, string? reason, string expected)
    {
        var before = (await RevealsAsync()).Count;

        var result = await Access.RevealAsync(await data.ActorAsync(userName), data.Kejia, await WorkerAsync("张三"), reason);

        Assert.Equal((null, expected), (result.Numbers, result.ErrorCode));
        Assert.Equal(before, (await RevealsAsync()).Count);
    }

    [Fact]
    public async Task A_reason_of_a_page_of_text_is_refused()
    {
        var result = await Access.RevealAsync(await data.ActorAsync("zp.chair"), data.Kejia, await WorkerAsync("张三"), new string('援', 101));
        Assert.Equal("reveal.reason-too-long", result.ErrorCode);
    }

    [Fact]
    public async Task A_worker_of_an_incident_the_user_does_not_see_is_not_found()
    {
        // The labour liaison may reveal, but sees only incidents that engaged labour inspection: 富士康 did not.
        var foxconnWorker = Guid.NewGuid();
        var result = await Access.RevealAsync(await data.ActorAsync("labor.liaison"), data.Foxconn, foxconnWorker, "劳动监察立案");
        Assert.Equal("incident.not-found", result.ErrorCode);
    }

    [Fact]
    public async Task The_roster_export_is_masked_without_a_reason_and_whole_with_one_for_a_user_allowed_it()
    {
        var chair = await SignIn.AsAsync(data.App, "zp.chair");

        var masked = await chair.GetStringAsync($"/exports/incidents/{data.Kejia}/roster.csv");
        var whole = await chair.GetStringAsync($"/exports/incidents/{data.Kejia}/roster.csv?reason={Uri.EscapeDataString("法律援助")}");

        Assert.All(data.IdNumbers, id => Assert.DoesNotContain(id, masked));
        Assert.DoesNotContain(ReportsData.ZhangsanPhone, masked);
        Assert.All(data.IdNumbers, id => Assert.Contains(id, whole));
        Assert.Contains(ReportsData.ZhangsanPhone, whole);
        var exports = await TrailAsync(AuditTypes.Exported);
        Assert.Equal([null, "含完整号码，用途：法律援助"], exports.TakeLast(2).Select(e => e.Detail));
    }

    [Fact]
    public async Task The_advance_roster_lists_each_worker_still_owed_with_the_whole_number_and_the_amount_to_advance()
    {
        var duty = await SignIn.AsAsync(data.App, "duty");

        var csv = await duty.GetStringAsync($"/exports/incidents/{data.Kejia}/advance.csv?reason={Uri.EscapeDataString("欠薪保障金垫付核对")}");

        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("序号,姓名,身份证号,欠薪金额（元）,拟垫付金额（元）", lines[0]);
        Assert.Equal($"1,张三,{data.IdNumbers[0]},8000,3000", lines[1]);
        Assert.Equal(4, lines.Length);
        var entry = (await TrailAsync(AuditTypes.Exported)).Last();
        Assert.Equal((data.Kejia, "含完整号码，用途：欠薪保障金垫付核对"), (entry.IncidentNumber, entry.Detail));
        Assert.Equal(ExportKind.AdvanceRoster, await data.App.WithDbAsync(db => db.ExportLog.OrderBy(e => e.AtUtc).Select(e => e.Kind).LastAsync()));
    }

    [Theory]
    [InlineData("zp.officer", "roster.csv?reason=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9", HttpStatusCode.Forbidden)]
    [InlineData("zp.officer", "advance.csv?reason=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9", HttpStatusCode.Forbidden)]
    [InlineData("zp.chair", "advance.csv", HttpStatusCode.BadRequest)]
    [InlineData("zp.chair", "advance.xlsx?reason=", HttpStatusCode.BadRequest)]
    [InlineData("zp.chair", "roster.csv?reason=%E2%80%AE", HttpStatusCode.BadRequest)]
    public async Task Whole_numbers_in_a_file_are_refused_without_the_permission_or_a_reason(string userName, string file, HttpStatusCode expected)
    {
        var client = await SignIn.AsAsync(data.App, userName);
        var before = (await TrailAsync(AuditTypes.Exported)).Count;

        var response = await client.GetAsync($"/exports/incidents/{data.Kejia}/{file}");

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected == HttpStatusCode.Forbidden ? "无权查看完整个人信息" : "用途", body);
        Assert.DoesNotContain(data.IdNumbers[0], body);
        Assert.Equal(before, (await TrailAsync(AuditTypes.Exported)).Count);
    }

    [Fact]
    public void The_setting_decides_who_may_reveal_and_a_misspelt_role_stops_the_start()
    {
        var options = new PersonalDataOptions { RevealRoles = "TownOfficer" };
        Assert.True(options.IsValid);
        Assert.False(new PersonalDataOptions { RevealRoles = "TownChair,Cheif" }.IsValid);
        Assert.False(new PersonalDataOptions { RevealRoles = "DepartmentLiaison:Labour" }.IsValid);

        using var misspelt = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["PersonalData:RevealRoles"] = "TownChiar" } };
        var error = Assert.ThrowsAny<Exception>(() => misspelt.Server);
        Assert.Contains("PersonalData:RevealRoles", error.ToString());
    }

    private Task<Guid> WorkerAsync(string name) =>
        data.App.WithDbAsync(db => db.WorkerClaims.Where(w => w.Name == name).Select(w => w.Id).SingleAsync());

    private Task<List<Disputes.Data.AuditRecord>> RevealsAsync() => TrailAsync(AuditTypes.PersonalDataRevealed);

    private Task<List<Disputes.Data.AuditRecord>> TrailAsync(string type) =>
        data.App.WithDbAsync(db => db.AuditTrail.AsNoTracking().Where(r => r.Type == type).OrderBy(r => r.Sequence).ToListAsync());
}
