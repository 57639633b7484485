using Bunit;
using Disputes.Data;
using Disputes.Web.Features.Audit;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Audit;

/// <summary>The audit screen as the auditor's circuit renders it: in Chinese, with no stored name showing, and the chain's check in words.</summary>
public sealed class AuditPageTests : MudBlazorContext, IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public AuditPageTests(DisputesAppFactory app)
    {
        _app = app;
        _ = app.Server;
        Services.AddSingleton(app.Services.GetRequiredService<AuditQueries>());
        Services.AddSingleton(app.Services.GetRequiredService<IOptions<AuditOptions>>());
    }

    [Fact]
    public async Task The_trail_reads_in_chinese_with_no_stored_name_showing()
    {
        await LogAsync(_app);
        await SignIn.AsAsync(_app, "auditor");

        var auditor = Actors.StateOf(await Actors.ForAsync(_app, "auditor"));
        var page = Render<AuditTrailPage>(p => p.AddCascadingValue(auditor));

        page.WaitForAssertion(() => Assert.Contains("案件：登记", page.Find("[data-testid=audit-trail]").TextContent), TimeSpan.FromSeconds(10));
        var text = page.Find("[data-testid=audit-trail]").TextContent;
        Assert.Contains("登录", text);
        Assert.Contains("时间线第 1 条", text);
        Assert.Contains("张浦镇总工会", text);
        foreach (var stored in new[] { "SignIn", "Succeeded", "Incident.", "timeline:", "user:", "Form" })
        {
            Assert.DoesNotContain(stored, text);
        }

        Assert.Contains("至少保留 180 天", page.Find("[data-testid=audit-retention]").TextContent);
    }

    [Fact]
    public async Task Checking_from_the_screen_names_the_broken_entry()
    {
        await LogAsync(_app);
        var (tampered, name) = await _app.WithDbAsync(async db => await db.AuditTrail.OrderBy(r => r.Sequence)
            .Select(r => new ValueTuple<long, string?>(r.Sequence, r.UserName)).FirstAsync());
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AuditTrail SET UserName = {"某人"} WHERE Sequence = {tampered}"));
        var auditor = Actors.StateOf(await Actors.ForAsync(_app, "auditor"));
        var page = Render<AuditTrailPage>(p => p.AddCascadingValue(auditor));

        await page.Find("[data-testid=audit-verify]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=audit-verification]").GetAttribute("data-intact")));
        Assert.Contains($"审计日志在第 {tampered} 条记录处断裂：该记录被修改或顺序被调换", page.Find("[data-testid=audit-verification]").TextContent);
        // Put back, for the other tests of this app.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE AuditTrail SET UserName = {name} WHERE Sequence = {tampered}"));
    }
}
