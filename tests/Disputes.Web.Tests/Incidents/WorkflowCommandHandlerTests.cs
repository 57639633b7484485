using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Incidents;

/// <summary>The workflow's newer commands through the one write path, on SQLite: what each stores, and who hears of it.</summary>
public sealed class WorkflowCommandHandlerTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private IncidentCommands Commands => app.Services.GetRequiredService<IncidentCommands>();

    [Fact]
    public async Task A_task_with_a_due_time_escalates_to_the_engaged_office_that_owns_it()
    {
        var number = await LogAsync(app);
        var officer = await Actors.ForAsync(app, "zp.officer");
        var justice = await Actors.ForAsync(app, "zp.justice");
        Assert.True((await Commands.SendAsync(officer, new EngageDepartments(number, [DepartmentKind.Justice]))).Succeeded);
        var engagementId = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Engagements).Select(e => e.Id).SingleAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;

        Assert.True((await Commands.SendAsync(justice, new AddTask(number, engagementId, "为职工申请法律援助", now.AddHours(4)))).Succeeded);
        var step = await StepAsync(app, number, PlanStepKind.Task);
        app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(1));
        await SweepAsync(app);

        Assert.Contains("zp.justice", await NotifiedAsync(app, number, 1, step.Id));
        var told = Assert.IsType<IncidentEvent.Escalated>((await EscalationEntriesAsync(app, number)).Single(e => e.Event is IncidentEvent.Escalated { Step.Kind: PlanStepKind.Task }).Event);
        Assert.Equal("为职工申请法律援助", told.Step!.Task);
    }

    [Fact]
    public async Task A_reassigned_step_escalates_to_its_new_owner_not_the_old_one()
    {
        var number = await LogAsync(app);
        var officer = await Actors.ForAsync(app, "zp.officer");
        var duty = await Actors.ForAsync(app, "duty");
        Assert.True((await Commands.SendAsync(officer, new EngageDepartments(number, [DepartmentKind.Justice]))).Succeeded);
        var office = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Engagements).Select(e => e.OrganisationId).SingleAsync());
        var step = await StepAsync(app, number, PlanStepKind.WrittenReport);

        var result = await Commands.SendAsync(duty, new ReassignStep(number, step.Id, office, "由司法所牵头起草"));
        Assert.True(result.Succeeded, result.ErrorCode);
        app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(1));
        await SweepAsync(app);

        var told = await NotifiedAsync(app, number, 1, step.Id);
        Assert.Contains("zp.justice", told);
        Assert.DoesNotContain("zp.officer", told);
        var reassigned = Assert.IsType<IncidentEvent.StepReassigned>((await EntriesAsync(number)).Single(e => e.Kind == TimelineKind.StepReassigned).Event);
        Assert.Equal(("张浦镇总工会", "张浦司法所"), (reassigned.From.Name, reassigned.To.Name));
    }

    [Fact]
    public async Task Reassigning_to_an_office_not_engaged_is_refused_and_nothing_changes()
    {
        var number = await LogAsync(app);
        var duty = await Actors.ForAsync(app, "duty");
        var police = await app.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Department && o.Department == DepartmentKind.Police).Select(o => o.Id).SingleAsync());
        var step = await StepAsync(app, number, PlanStepKind.WrittenReport);
        var entries = (await EntriesAsync(number)).Count;

        var result = await Commands.SendAsync(duty, new ReassignStep(number, step.Id, police, "改派"));

        Assert.Equal("incident.owner-not-engaged", result.ErrorCode);
        Assert.Equal(entries, (await EntriesAsync(number)).Count);
        Assert.Equal(step.OwnerOrganisationId, (await StepAsync(app, number, PlanStepKind.WrittenReport)).OwnerOrganisationId);
    }

    [Fact]
    public async Task Correcting_the_type_on_a_stale_page_is_a_conflict_and_on_a_fresh_one_re_plans()
    {
        var number = await LogAsync(app);
        var chair = await Actors.ForAsync(app, "zp.chair");
        var stale = await app.TokenOfAsync(number);
        Assert.True((await Commands.SendAsync(chair, new ChangeGrade(number, stale, SeverityGrade.III, "影响扩大"))).Succeeded);

        var conflict = await Commands.SendAsync(chair, new CorrectType(number, stale, IncidentType.Closure, "实为停产倒闭"));
        var corrected = await Commands.SendAsync(chair, new CorrectType(number, await app.TokenOfAsync(number), IncidentType.Closure, "实为停产倒闭"));

        Assert.True(conflict.IsConflict);
        Assert.True(corrected.Succeeded, corrected.ErrorCode);
        var engageSteps = await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Steps)
            .Where(s => s.Kind == PlanStepKind.EngageDepartment && s.CompletedAtUtc == null && s.CancelledAtUtc == null).Select(s => s.Department!.Value).ToListAsync());
        Assert.Equal(new[] { DepartmentKind.LaborInspection, DepartmentKind.Justice, DepartmentKind.Petition }.Order(), engageSteps.Order());
    }

    [Fact]
    public async Task Closing_without_a_date_puts_the_follow_up_where_the_playbook_says_and_the_visit_completes_it()
    {
        var number = await LogAsync(app);
        var chair = await Actors.ForAsync(app, "zp.chair");
        Assert.True((await Commands.SendAsync(chair, new ConfirmArrival(number, app.Clock.GetUtcNow().UtcDateTime))).Succeeded);
        foreach (var action in new[] { IncidentAction.BeginResolving, IncidentAction.Resolve })
        {
            Assert.True((await Commands.SendAsync(chair, new MoveStage(number, await app.TokenOfAsync(number), action))).Succeeded);
        }

        var closed = await Commands.SendAsync(chair, new CloseIncident(number, await app.TokenOfAsync(number), "工资已全额支付", "移送公安", "早介入",
            Money.FromYuan(48_000), null));

        Assert.True(closed.Succeeded, closed.ErrorCode);
        var playbook = await app.WithDbAsync(db => db.Playbooks.AsNoTracking().SingleAsync());
        var incident = await app.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Number == number));
        Assert.Equal(Closure.DefaultFollowUpDate(playbook, incident.Grade, app.Clock.GetUtcNow().UtcDateTime), incident.Closure!.FollowUpDate);
        Assert.Equal(Money.FromYuan(48_000), incident.Closure.Recovered);

        var visit = await Commands.SendAsync(chair, new CompleteFollowUp(number, WagesPaid: true, WorkersSettled: true, "职工已全部返岗"));

        Assert.True(visit.Succeeded, visit.ErrorCode);
        Assert.NotNull((await StepAsync(app, number, PlanStepKind.FollowUpVisit)).CompletedAtUtc);
        Assert.Equal(new IncidentEvent.FollowUpCompleted(true, true, "职工已全部返岗"), (await EntriesAsync(number))[^1].Event);
    }

    [Fact]
    public async Task A_liaison_cannot_record_the_follow_up_visit()
    {
        var number = await LogAsync(app);
        var liaison = await Actors.ForAsync(app, "labor.liaison");
        var officer = await Actors.ForAsync(app, "zp.officer");
        Assert.True((await Commands.SendAsync(officer, new EngageDepartments(number, [DepartmentKind.LaborInspection]))).Succeeded);

        var result = await Commands.SendAsync(liaison, new CompleteFollowUp(number, true, true, "已回访"));

        Assert.Equal("incident.not-allowed", result.ErrorCode);
    }

    private Task<List<TimelineEntry>> EntriesAsync(string number) => app.WithDbAsync(db =>
        db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Timeline).OrderBy(t => t.Sequence).ToListAsync());
}
