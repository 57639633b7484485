using System.Net;
using Disputes.Domain;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Audit;

/// <summary>
/// The audit administrator's screen: only they open it and its export; it filters by type, user, organisation, day and
/// incident; it reads in Chinese, with no stored name showing; the export takes the screen's filter; and checking the chain
/// or exporting it goes on the trail too.
/// </summary>
public sealed class AuditScreenTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private AuditQueries Queries => app.Services.GetRequiredService<AuditQueries>();

    [Fact]
    public async Task Only_the_audit_administrator_opens_the_trail_and_its_export()
    {
        foreach (var other in new[] { "security", "admin", "duty", "zp.officer" })
        {
            var client = await SignIn.AsAsync(app, other);
            var page = await client.GetAsync("/admin/audit");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/exports/audit.csv")).StatusCode);
        }

        var auditor = await SignIn.AsAsync(app, "auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/exports/audit.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Each_filter_narrows_the_trail_to_what_it_names()
    {
        var number = await LogAsync(app);
        var officer = await Actors.ForAsync(app, "zp.officer");
        Assert.True((await app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer, new AddProgressNote(number, "已到厂区"))).Succeeded);
        var today = ChinaTime.Today(app.Clock);

        var byIncident = await RowsAsync(new AuditFilter(Incident: number));
        Assert.NotEmpty(byIncident);
        Assert.All(byIncident, r => Assert.Equal(number, r.IncidentNumber));
        var notes = await RowsAsync(new AuditFilter(Type: AuditTypes.Of(TimelineKind.Note), Incident: number));
        Assert.Equal("王海涛", Assert.Single(notes).UserName);
        // By the sign-in name too, though the trail shows the display name.
        Assert.Equal(byIncident.Count, (await RowsAsync(new AuditFilter(User: "zp.officer", Incident: number))).Count);
        Assert.Equal(byIncident.Count, (await RowsAsync(new AuditFilter(Organisation: "张浦", Incident: number))).Count);
        Assert.Empty(await RowsAsync(new AuditFilter(Organisation: "玉山", Incident: number)));
        Assert.Equal(byIncident.Count, (await RowsAsync(new AuditFilter(From: today, To: today, Incident: number))).Count);
        Assert.Empty(await RowsAsync(new AuditFilter(From: today.AddDays(1), Incident: number)));
        Assert.Empty(await RowsAsync(new AuditFilter(To: today.AddDays(-1), Incident: number)));
    }

    [Fact]
    public async Task The_export_holds_what_the_filter_finds_in_words_and_is_itself_on_the_trail()
    {
        var number = await LogAsync(app);
        var auditor = await SignIn.AsAsync(app, "auditor");

        var csv = await auditor.GetStringAsync($"/exports/audit.csv?incident={number}&type=Bogus");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("案件编号", lines[0]);
        Assert.Equal((await RowsAsync(new AuditFilter(Incident: number))).Count, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(number, line));
        Assert.Contains(lines, l => l.Contains("案件：登记"));
        var exported = (await RowsAsync(new AuditFilter(Type: AuditTypes.AuditExported))).First();
        Assert.Equal(("审计管理员", $"案件编号：{number}"), (exported.UserName, exported.Detail));
    }

    [Fact]
    public async Task Checking_the_chain_says_what_it_found_and_is_on_the_trail()
    {
        var auditor = await Actors.ForAsync(app, "auditor");

        var result = await Queries.VerifyAsync(auditor);

        Assert.True(result.Intact);
        var check = (await RowsAsync(new AuditFilter(Type: AuditTypes.AuditVerified))).First();
        Assert.Equal((AuditTypes.Succeeded, $"审计日志完整：{result.Checked} 条记录逐条校验无误。"), (check.Result, check.Detail));
    }

    [Fact]
    public void The_app_does_not_start_keeping_the_trail_for_less_than_six_months()
    {
        using var brief = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["Audit:RetentionDays"] = "90" } };
        var error = Assert.ThrowsAny<Exception>(() => brief.Server);
        Assert.Contains("Audit:RetentionDays", error.ToString());
    }

    private async Task<IReadOnlyList<Disputes.Data.AuditRecord>> RowsAsync(AuditFilter filter) => (await Queries.PageAsync(filter, 0, 100)).Rows;
}
