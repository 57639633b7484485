using AngleSharp.Dom;
using Bunit;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Components;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Home;
using Disputes.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HomePage = Disputes.Web.Features.Home.Home;

namespace Disputes.Web.Tests.Components;

/// <summary>The home page's sections as each role sees them, from the lists their queries return (see Home/HomeQueriesTests).</summary>
public sealed class HomeTests : MudBlazorContext
{
    private static readonly OfficeName Zhangpu = new("张浦镇总工会", "Zhangpu Trade Union");
    private static readonly OfficeName LabourOffice = new("张浦劳动保障所", "Zhangpu Labour Security Office");

    public HomeTests()
    {
        // The page's own services; a user without an organisation (as below) reads nothing from them.
        Services.AddDbContextFactory<DisputesDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        Services.AddLogging();
        Services.AddSingleton<IncidentEvents>();
        Services.AddSingleton<Disputes.Web.Features.Home.HomeQueries>();
        Services.AddScoped<ReconnectNotifier>();
    }

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void Greets_the_user_by_name_for_the_time_of_day_in_china_in_one_line()
    {
        // 01:30 UTC is 09:30 in China.
        var home = Render<HomePage>(p => p.AddCascadingValue(Users.SignedIn(Roles.TownOfficer)));

        Assert.Equal("早上好，王海涛", home.Find("[data-testid=greeting]").TextContent.Trim());
        Assert.Empty(home.FindAll("[data-testid=role-duty]"));
    }

    [Fact]
    public void Evening_in_china_is_evening_whatever_the_server_thinks()
    {
        Clock.Advance(TimeSpan.FromHours(11)); // 12:30 UTC, 20:30 in China

        var home = Render<HomePage>(p => p.AddCascadingValue(Users.SignedIn(Roles.TownChair, "陈卫东")));

        Assert.Equal("晚上好，陈卫东", home.Find("[data-testid=greeting]").TextContent.Trim());
    }

    [Fact]
    public void A_town_officer_sees_a_large_log_button_and_each_incident_with_its_overdue_steps_and_next_step_in_words()
    {
        var work = new Listing<TownIncident>(
        [
            new("ZP-2026-0001", "昆山科家塑胶有限公司", SeverityGrade.II, Stage.Reported,
                [Step(PlanStepKind.ArriveOnScene, null, Zhangpu, -70, mine: true, level: 2), Step(PlanStepKind.DepartmentAcknowledges, DepartmentKind.LaborInspection, LabourOffice, -25)],
                Step(PlanStepKind.WrittenReport, null, Zhangpu, 50, mine: true)),
            new("ZP-2026-0003", "昆山南吉山塑料包装厂", SeverityGrade.III, Stage.Responding, [], null),
            new("ZP-2026-0004", "昆山南吉山塑料包装厂", SeverityGrade.IV, Stage.Resolving, [], Step(PlanStepKind.Resolve, null, Zhangpu, 3 * 24 * 60, role: Roles.TownChair)),
        ], 3);

        var town = Render<TownSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        Assert.Equal("/incidents/new", town.Find("[data-testid=log-incident]").GetAttribute("href"));
        Assert.Contains("登记案件", town.Find("[data-testid=log-incident]").TextContent);
        Assert.Contains("本镇未结案件", town.Markup);
        var kejia = town.Find("[data-testid=home-incident][data-number='ZP-2026-0001']");
        Assert.Equal("/incidents/ZP-2026-0001", kejia.GetAttribute("href"));
        Assert.Equal(["true", "true", "false"], kejia.QuerySelectorAll("[data-testid=home-step]").Select(s => s.GetAttribute("data-overdue")));
        var lines = kejia.QuerySelectorAll("[data-testid=home-step]").Select(Text).ToList();
        Assert.Contains("到场", lines[0]);
        Assert.DoesNotContain("张浦镇总工会", lines[0]);
        Assert.Contains("张浦劳动保障所", lines[1]);
        Assert.Contains("升级 2级", lines[0]);
        Assert.Contains("已超时 1 小时 10 分钟 · 时限 11-25 08:20", lines[0]);
        Assert.Contains("签收 · 劳动监察", lines[1]);
        Assert.Contains("下一步：书面报告", lines[2]);
        Assert.Contains("剩余 50 分钟", lines[2]);
        Assert.Contains("超时 2", Text(kejia));
        Assert.Contains("暂无计时中的步骤", Text(town.Find("[data-number='ZP-2026-0003']")));
        // A colleague's step is named by their role; the officer's own by nothing.
        Assert.Equal(["下一步：化解", "镇工会主席"], town.FindAll("[data-number='ZP-2026-0004'] [data-testid=home-step] .mud-typography").Take(2).Select(p => p.TextContent.Trim()));
        Assert.DoesNotContain("镇工会干部", lines[2]);
        NoEnumNames(town);
    }

    [Fact]
    public void An_incident_shows_its_first_three_overdue_steps_and_counts_the_rest()
    {
        var overdue = Enumerable.Range(1, 5).Select(i => Step(PlanStepKind.ProgressUpdate, null, Zhangpu, -10 * i, mine: true) with { Sequence = i }).ToList();
        var work = new Listing<TownIncident>([new("ZP-2026-0001", "昆山科家塑胶有限公司", SeverityGrade.II, Stage.Responding, overdue, null)], 1);

        var town = Render<TownSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        Assert.Equal(["进展续报 #1", "进展续报 #2", "进展续报 #3"],
            town.FindAll("[data-testid=home-step] p").Select(p => p.TextContent.Trim()).Where(t => t.StartsWith("进展", StringComparison.Ordinal)));
        Assert.Equal("另有 2 个步骤已超时", town.Find("[data-testid=more-overdue]").TextContent.Trim());
        Assert.Contains("超时 5", Text(town.Find("[data-testid=home-incident]")));
    }

    [Fact]
    public void A_town_without_open_incidents_says_so_and_still_offers_the_log_button()
    {
        var town = Render<TownSection>(p => p.Add(s => s.Work, new Listing<TownIncident>([], 0)).Add(s => s.Now, Now));

        Assert.Contains("本镇暂无未结案件", town.Find("[data-testid=empty]").TextContent);
        Assert.NotNull(town.Find("[data-testid=log-incident]"));
        Assert.Empty(town.FindAll("[data-testid=more]"));
    }

    [Fact]
    public void A_long_list_points_to_the_board_for_the_rest()
    {
        var work = new Listing<TownIncident>([new("ZP-2026-0001", "昆山科家塑胶有限公司", SeverityGrade.II, Stage.Reported, [], null)], 21);

        var town = Render<TownSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        Assert.Equal("还有 20 项，点此查看全部", town.Find("[data-testid=more]").TextContent.Trim());
        Assert.Equal("/board", town.Find("[data-testid=more]").GetAttribute("href"));
    }

    [Fact]
    public void A_liaison_sees_what_to_acknowledge_and_the_tasks_not_done_in_chinese()
    {
        var work = new LiaisonWork(
            new Listing<AwaitingAcknowledgement>(
                [new("ZP-2026-0001", "昆山科家塑胶有限公司", DepartmentKind.LaborInspection, LabourOffice, Now.AddMinutes(-40), Now.AddMinutes(-10), 1)], 1),
            new Listing<OpenTask>(
            [
                new("ZP-2026-0001", "昆山科家塑胶有限公司", DepartmentKind.LaborInspection, null, "核实欠薪台账", Now.AddHours(3), 0),
                new("ZP-2026-0001", "昆山科家塑胶有限公司", DepartmentKind.LaborInspection, "Task.LaborInspection.VerifyArrears", null, null, 0),
            ], 2));

        var liaison = Render<LiaisonSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        var awaiting = liaison.Find("[data-testid=home-awaiting]");
        Assert.Contains("待签收的联动", Text(awaiting));
        Assert.Contains("签收 · 劳动监察", Text(awaiting));
        Assert.Contains("张浦劳动保障所", Text(awaiting));
        Assert.Contains("已超时 10 分钟", Text(awaiting));
        Assert.Equal("/incidents/ZP-2026-0001", liaison.Find("[data-testid=home-engagement]").GetAttribute("href"));
        var tasks = liaison.FindAll("[data-testid=home-task]").Select(Text).ToList();
        Assert.Contains("核实欠薪台账", tasks[0]);
        Assert.Contains("剩余 3 小时", tasks[0]);
        Assert.Contains("核实欠薪情况", tasks[1]);
        Assert.DoesNotContain("剩余", tasks[1]);
        NoEnumNames(liaison);
    }

    [Fact]
    public void A_liaison_with_nothing_to_do_is_told_so()
    {
        var work = new LiaisonWork(new Listing<AwaitingAcknowledgement>([], 0), new Listing<OpenTask>([], 0));

        var liaison = Render<LiaisonSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        Assert.Equal(["没有待签收的联动，新的联动会即时出现在这里。", "本部门暂无未完成的任务。"],
            liaison.FindAll("[data-testid=empty]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void The_duty_officer_sees_overdue_steps_with_their_owner_and_level_and_the_unread_escalations()
    {
        var work = new DutyWork(
            new Listing<OverdueStep>([new("YS-2026-0001", Step(PlanStepKind.EngageDepartment, DepartmentKind.PoliticalLegal, new("玉山镇总工会", "Yushan Trade Union"), -95, level: 2))], 1),
            new Listing<UnreadEscalation>([new(Now.AddMinutes(-5), new EscalationNotice("ZP-2026-0002", 2, PlanStepKind.DepartmentAcknowledges, DepartmentKind.Justice, Now.AddMinutes(-35)))], 1));

        var duty = Render<DutySection>(p => p.Add(s => s.Work, work).Add(s => s.Now, Now));

        var overdue = duty.Find("[data-testid=home-overdue-step]");
        Assert.Equal("/incidents/YS-2026-0001", overdue.GetAttribute("href"));
        Assert.Contains("联动 · 政法", Text(overdue));
        Assert.Contains("玉山镇总工会", Text(overdue));
        Assert.Contains("升级 2级", Text(overdue));
        Assert.Contains("已超时 1 小时 35 分钟", Text(overdue));
        var escalation = duty.Find("[data-testid=home-escalation]");
        Assert.Equal("/incidents/ZP-2026-0002", escalation.GetAttribute("href"));
        Assert.Contains("签收（司法）", Text(escalation));
        Assert.Contains("11-25 09:25", Text(escalation));
        NoEnumNames(duty);
    }

    [Fact]
    public void Each_administrator_gets_links_to_their_own_screens_and_no_case_content()
    {
        var system = Render<AdminSection>(p => p.AddCascadingValue(Users.SignedIn(Roles.Administrator)));
        var security = Render<AdminSection>(p => p.AddCascadingValue(Users.SignedIn(Roles.SecurityAdministrator)));

        Assert.Equal(["/admin/organisations", "/admin/playbook", "/jobs"], system.FindAll("[data-testid=admin-link]").Select(a => a.GetAttribute("href")));
        Assert.Contains("步骤时限、定级标准、督办间隔", system.Markup);
        Assert.Equal(["/admin/users"], security.FindAll("[data-testid=admin-link]").Select(a => a.GetAttribute("href")));
        Assert.Contains("用户管理", security.Markup);
        Assert.Empty(system.FindAll("[data-number]"));
    }

    private WorkStep Step(PlanStepKind kind, DepartmentKind? department, OfficeName owner, int dueInMinutes, bool mine = false, int level = 0, string role = Roles.TownOfficer) =>
        new(kind, department, 1, owner, role, owner == Zhangpu, mine, Now.AddMinutes(dueInMinutes), dueInMinutes < 0, level);

    private static string Text(IElement element) => element.TextContent.ReplaceLineEndings(" ");

    /// <summary>What a reader sees (text, not attributes) names no domain value by its code.</summary>
    private static void NoEnumNames<T>(IRenderedComponent<T> rendered) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var text = string.Concat(rendered.Nodes.Select(n => n.TextContent));
        var names = EnumText.Named.SelectMany(Enum.GetNames).Where(n => n.Length > 2);
        Assert.DoesNotContain(names, text.Contains);
    }
}

public sealed class HomeInEnglishTests() : MudBlazorContext("en")
{
    [Fact]
    public void Speaks_english_when_the_user_chose_it()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var work = new Listing<TownIncident>([new("ZP-2026-0001", "昆山科家塑胶有限公司", SeverityGrade.II, Stage.Reported,
            [new(PlanStepKind.DepartmentAcknowledges, DepartmentKind.Justice, 1, new("张浦司法所", "Zhangpu Justice Office"), Roles.DepartmentLiaison,
                false, false, now.AddMinutes(-90), true, 2)], null)], 1);

        var town = Render<TownSection>(p => p.Add(s => s.Work, work).Add(s => s.Now, now));

        Assert.Contains("Open incidents in your town", town.Markup);
        Assert.Contains("Log incident", town.Find("[data-testid=log-incident]").TextContent);
        Assert.Contains("Acknowledgement · Justice / legal aid", town.Markup);
        Assert.Contains("Zhangpu Justice Office", town.Markup);
        Assert.Contains("overdue by 1 h 30 min", town.Find("[data-testid=countdown]").TextContent);
    }
}
