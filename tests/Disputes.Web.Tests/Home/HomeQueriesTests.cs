using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Home;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Home;

/// <summary>What each role's first screen lists, on the real app and SQLite database of <see cref="HomeData"/>.</summary>
public sealed class HomeQueriesTests(HomeData data) : IClassFixture<HomeData>
{
    [Fact]
    public async Task A_town_officer_sees_the_towns_open_incidents_those_overdue_first_then_by_due_time()
    {
        var town = await data.Queries.TownAsync(await data.ActorAsync("zp.officer"));

        Assert.Equal(3, town.Total);
        Assert.Equal([data.Kejia, data.Binpei, data.Nanjishan], town.Items.Select(i => i.Number));
        Assert.Equal([true, true, false], town.Items.Select(i => i.Overdue.Count > 0));
        Assert.Equal(("昆山科家塑胶有限公司", SeverityGrade.II, Stage.Reported), (town.Items[0].Enterprise, town.Items[0].Grade, town.Items[0].Stage));
    }

    [Fact]
    public async Task Another_towns_incidents_and_cancelled_ones_never_appear()
    {
        var yushan = await data.Queries.TownAsync(await data.ActorAsync("ys.officer"));
        var zhangpu = await data.Queries.TownAsync(await data.ActorAsync("zp.officer"));

        Assert.Equal([data.Foxconn], yushan.Items.Select(i => i.Number));
        Assert.DoesNotContain(zhangpu.Items, i => i.Number == data.Foxconn || i.Number == data.Huafu);
    }

    [Fact]
    public async Task The_officers_own_overdue_steps_come_first_then_the_departments_and_the_next_step_is_their_own()
    {
        var kejia = (await data.Queries.TownAsync(await data.ActorAsync("zp.officer"))).Items.Single(i => i.Number == data.Kejia);

        Assert.Equal(
            [
                (PlanStepKind.ArriveOnScene, null, true), (PlanStepKind.InitialReport, null, true),
                (PlanStepKind.EngageDepartment, DepartmentKind.Justice, true), (PlanStepKind.EngageDepartment, DepartmentKind.Police, true),
                (PlanStepKind.DepartmentAcknowledges, DepartmentKind.LaborInspection, false),
            ],
            kejia.Overdue.Select(s => (s.Kind, s.Department, s.Mine)));
        Assert.All(kejia.Overdue, s => Assert.True(s.Overdue));
        Assert.Equal((PlanStepKind.WrittenReport, data.At(120), false), (kejia.Next!.Kind, kejia.Next.DueAtUtc, kejia.Next.Overdue));
        Assert.Equal(("张浦镇总工会", "张浦劳动保障所"), (kejia.Overdue[0].Owner.Name, kejia.Overdue[^1].Owner.Name));
    }

    [Fact]
    public async Task The_chair_owns_none_of_the_overdue_steps_so_they_come_by_due_time_and_the_next_step_is_the_chairs_resolution()
    {
        var kejia = (await data.Queries.TownAsync(await data.ActorAsync("zp.chair"))).Items.Single(i => i.Number == data.Kejia);

        Assert.Equal(
            [PlanStepKind.ArriveOnScene, PlanStepKind.InitialReport, PlanStepKind.DepartmentAcknowledges, PlanStepKind.EngageDepartment, PlanStepKind.EngageDepartment],
            kejia.Overdue.Select(s => s.Kind));
        Assert.DoesNotContain(kejia.Overdue, s => s.Mine);
        Assert.Equal([true, true, false, true, true], kejia.Overdue.Select(s => s.OwnOrganisation));
        Assert.Equal(Domain.Roles.TownOfficer, kejia.Overdue[0].OwnerRole);
        Assert.Equal((PlanStepKind.Resolve, true), (kejia.Next!.Kind, kejia.Next.Mine));
    }

    [Fact]
    public async Task An_incident_with_nothing_overdue_shows_the_officers_next_step_before_an_earlier_one_of_a_department()
    {
        var nanjishan = (await data.Queries.TownAsync(await data.ActorAsync("zp.officer"))).Items.Single(i => i.Number == data.Nanjishan);

        Assert.Empty(nanjishan.Overdue);
        // The labour office's acknowledgement falls due sooner (T0+125), but it is not the officer's to do.
        Assert.Equal((PlanStepKind.EngageDepartment, DepartmentKind.Justice, data.At(2 + 240)),
            (nanjishan.Next!.Kind, nanjishan.Next.Department, nanjishan.Next.DueAtUtc));
    }

    [Fact]
    public async Task Steps_carry_the_escalation_level_they_reached()
    {
        var kejia = (await data.Queries.TownAsync(await data.ActorAsync("zp.officer"))).Items.Single(i => i.Number == data.Kejia);

        Assert.Equal([2, 2, 1, 1, 2], kejia.Overdue.Select(s => s.EscalationLevel));
        Assert.Equal(0, kejia.Next!.EscalationLevel);
    }

    [Fact]
    public async Task A_city_departments_liaison_sees_its_engagements_in_every_town_waiting_for_acknowledgement_soonest_due_first()
    {
        var work = await data.Queries.LiaisonAsync(await data.ActorAsync("labor.liaison"));

        Assert.Equal([data.Kejia, data.Foxconn, data.Nanjishan], work.Awaiting.Items.Select(a => a.Number));
        Assert.Equal([data.At(6 + 30), data.At(7 + 30), data.At(5 + 120)], work.Awaiting.Items.Select(a => a.DueAtUtc));
        Assert.Equal([2, 2, 0], work.Awaiting.Items.Select(a => a.EscalationLevel));
        Assert.Equal(["张浦劳动保障所", "玉山劳动保障所", "张浦劳动保障所"], work.Awaiting.Items.Select(a => a.Office.Name));
        Assert.All(work.Awaiting.Items, a => Assert.Equal(DepartmentKind.LaborInspection, a.Department));
    }

    [Fact]
    public async Task A_town_offices_liaison_sees_only_its_own_offices_engagements()
    {
        var work = await data.Queries.LiaisonAsync(await data.ActorAsync("zp.justice"));

        // Not 富士康, where Yushan's justice office is engaged; not 科家, where justice is required but not yet engaged.
        Assert.Equal([data.Binpei], work.Awaiting.Items.Select(a => a.Number));
        Assert.Equal([("Task.Justice.LegalAid", data.Binpei), ("Task.Justice.Mediation", data.Binpei)],
            work.Tasks.Items.Select(t => (t.Key!, t.Number)).Order());
    }

    [Fact]
    public async Task A_liaisons_open_tasks_list_timed_ones_first_then_by_engagement_and_leave_out_what_is_done()
    {
        var tasks = (await data.Queries.LiaisonAsync(await data.ActorAsync("labor.liaison"))).Tasks;

        Assert.Equal(7, tasks.Total);
        Assert.Equal(("核实欠薪台账", data.Kejia, data.KejiaTaskDueAtUtc), (tasks.Items[0].Text, tasks.Items[0].Number, tasks.Items[0].DueAtUtc));
        Assert.Equal([data.Kejia, data.Nanjishan, data.Nanjishan, data.Kejia, data.Kejia, data.Foxconn, data.Foxconn], tasks.Items.Select(t => t.Number));
        Assert.All(tasks.Items.Skip(1), t => Assert.Null(t.DueAtUtc));
        var foxconn = tasks.Items.Where(t => t.Number == data.Foxconn).Select(t => t.Key ?? t.Text).Order();
        Assert.Equal(["Task.LaborInspection.RectificationOrder", "约谈企业负责人"], foxconn);
    }

    [Fact]
    public async Task The_duty_officer_sees_every_overdue_step_of_the_city_most_overdue_first_with_its_owner_and_level()
    {
        var overdue = (await data.Queries.DutyAsync(await data.ActorAsync("duty"))).Overdue;

        Assert.Equal(15, overdue.Total);
        Assert.Equal(overdue.Items.Select(s => s.Step.DueAtUtc).Order(), overdue.Items.Select(s => s.Step.DueAtUtc));
        Assert.Equal([(data.Kejia, PlanStepKind.ArriveOnScene), (data.Kejia, PlanStepKind.InitialReport)], overdue.Items.Take(2).Select(s => (s.Number, s.Step.Kind)));
        Assert.Equal(new[] { data.Kejia, data.Binpei, data.Foxconn }.Order(), overdue.Items.Select(s => s.Number).Distinct().Order());
        var acknowledgement = overdue.Items.Single(s => s.Number == data.Foxconn && s.Step is { Kind: PlanStepKind.DepartmentAcknowledges, Department: DepartmentKind.Justice });
        Assert.Equal(("玉山司法所", "Yushan Justice Office", 2), (acknowledgement.Step.Owner.Name, acknowledgement.Step.Owner.NameEn, acknowledgement.Step.EscalationLevel));
        Assert.Equal(1, overdue.Items.Single(s => s.Number == data.Foxconn && s.Step.Kind == PlanStepKind.EngageDepartment).Step.EscalationLevel);
    }

    [Fact]
    public async Task The_duty_officer_sees_the_escalations_sent_to_them_not_yet_read()
    {
        var unread = (await data.Queries.DutyAsync(await data.ActorAsync("duty"))).Unread;

        // Level 2 tells the duty officers: every step 30 minutes past due by T0+70.
        Assert.Equal(10, unread.Total);
        Assert.All(unread.Items, u => Assert.Equal(2, u.Notice.Level));
        Assert.Equal(3, unread.Items.Count(u => u.Notice.IncidentNumber == data.Kejia));
        Assert.Contains(unread.Items, u => u.Notice is { Kind: PlanStepKind.DepartmentAcknowledges, Department: DepartmentKind.LaborInspection });
    }
}

/// <summary>The home lists after the work is done: what was acknowledged, ticked off or read leaves them.</summary>
public sealed class HomeChangesTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private HomeQueries Queries => new(app.Services.GetRequiredService<IDbContextFactory<DisputesDbContext>>(), app.Clock);

    private IncidentCommands Commands => app.Services.GetRequiredService<IncidentCommands>();

    [Fact]
    public async Task An_acknowledged_engagement_leaves_the_liaisons_list_and_its_tasks_stay()
    {
        var (number, engagement) = await LogWithJusticeAsync();
        var justice = await Actors.ForAsync(app, "zp.justice");
        var before = await Queries.LiaisonAsync(justice);

        Assert.True((await Commands.SendAsync(justice, new Acknowledge(number, engagement))).Succeeded);
        var after = await Queries.LiaisonAsync(justice);

        Assert.Contains(before.Awaiting.Items, a => a.Number == number);
        Assert.DoesNotContain(after.Awaiting.Items, a => a.Number == number);
        Assert.Equal(2, after.Tasks.Items.Count(t => t.Number == number));
    }

    [Fact]
    public async Task A_timed_task_shows_its_due_time_until_it_is_done()
    {
        var (number, engagement) = await LogWithJusticeAsync();
        var justice = await Actors.ForAsync(app, "zp.justice");
        var due = app.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        Assert.True((await Commands.SendAsync(justice, new AddTask(number, engagement, "协助职工申请仲裁", due))).Succeeded);

        var listed = (await Queries.LiaisonAsync(justice)).Tasks.Items.Single(t => t.Text == "协助职工申请仲裁");
        var task = await app.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.Id == engagement).Select(e => e.Tasks).SingleAsync());
        Assert.True((await Commands.SendAsync(justice, new CompleteTask(number, engagement, task.Single(t => t.Text == "协助职工申请仲裁").Id))).Succeeded);

        Assert.Equal((number, due), (listed.Number, listed.DueAtUtc));
        Assert.DoesNotContain((await Queries.LiaisonAsync(justice)).Tasks.Items, t => t.Text == "协助职工申请仲裁");
    }

    [Fact]
    public async Task A_completed_step_leaves_the_officers_overdue_steps_and_a_read_escalation_leaves_the_duty_officers_list()
    {
        var (officer, duty) = (await Actors.ForAsync(app, "zp.officer"), await Actors.ForAsync(app, "duty"));
        var number = await LogAsync(app);
        // Past level 2, which tells the duty officers.
        app.Clock.SetUtcNow((await StepAsync(app, number, PlanStepKind.ArriveOnScene)).DueAtUtc.AddMinutes(31));
        await SweepAsync(app);
        var unread = (await Queries.DutyAsync(duty)).Unread.Items.Where(u => u.Notice.IncidentNumber == number).ToList();
        Assert.NotEmpty(unread);
        Assert.Contains((await Queries.TownAsync(officer)).Items.Single(i => i.Number == number).Overdue, s => s.Kind == PlanStepKind.ArriveOnScene);

        Assert.True((await Commands.SendAsync(officer, new ConfirmArrival(number, app.Clock.GetUtcNow().UtcDateTime))).Succeeded);
        await app.Services.GetRequiredService<NotificationCentre>().MarkAllReadAsync(duty.UserId);

        Assert.DoesNotContain((await Queries.TownAsync(officer)).Items.Single(i => i.Number == number).Overdue, s => s.Kind == PlanStepKind.ArriveOnScene);
        Assert.DoesNotContain((await Queries.DutyAsync(duty)).Unread.Items, u => u.Notice.IncidentNumber == number);
        Assert.DoesNotContain((await Queries.DutyAsync(duty)).Overdue.Items, s => s.Number == number && s.Step.Kind == PlanStepKind.ArriveOnScene);
    }

    private async Task<(string Number, Guid Engagement)> LogWithJusticeAsync()
    {
        var number = await LogAsync(app);
        Assert.True((await Commands.SendAsync(await Actors.ForAsync(app, "zp.officer"), new EngageDepartments(number, [DepartmentKind.Justice]))).Succeeded);
        var engagement = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Engagements).Select(e => e.Id).SingleAsync());
        return (number, engagement);
    }
}
