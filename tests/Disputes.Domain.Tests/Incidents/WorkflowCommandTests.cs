using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

/// <summary>The commands that finish the workflow: follow-up visit, reassigning a step, extra tasks, correcting the type.</summary>
public sealed class WorkflowCommandTests
{
    private static readonly DateTime Later = ReportedAt.AddHours(1);

    [Fact]
    public void The_follow_up_visit_is_recorded_with_what_it_found_and_stops_its_timer()
    {
        var incident = InStage(Stage.Closed);
        var visit = incident.OpenStep(PlanStepKind.FollowUpVisit)!;

        incident.CompleteFollowUp(ZhangpuChair, wagesPaid: true, workersSettled: false, " 仍有 3 人待安置 ", ReportedAt.AddDays(20));

        Assert.Equal(ReportedAt.AddDays(20), visit.CompletedAtUtc);
        Assert.Equal(new IncidentEvent.FollowUpCompleted(true, false, "仍有 3 人待安置"), incident.Timeline[^1].Event);
        Assert.Equal(Stage.Closed, incident.Stage);
    }

    [Fact]
    public void The_follow_up_visit_needs_a_note_is_for_the_town_side_and_only_after_closing()
    {
        var closed = InStage(Stage.Closed);
        Assert.Equal("incident.text-required", Assert.Throws<DomainException>(() => closed.CompleteFollowUp(ZhangpuChair, true, true, " ", Later)).Code);
        Assert.Equal("incident.not-allowed", Assert.Throws<DomainException>(() => closed.CompleteFollowUp(LaborLiaison, true, true, "已回访", Later)).Code);
        Assert.Equal("incident.not-allowed", Assert.Throws<DomainException>(() => InStage(Stage.Resolved).CompleteFollowUp(ZhangpuChair, true, true, "已回访", Later)).Code);
    }

    [Fact]
    public void Recording_the_follow_up_twice_records_it_once()
    {
        var incident = InStage(Stage.Closed);
        incident.CompleteFollowUp(DutyOfficer, true, true, "已回访", Later);
        var entries = incident.Timeline.Count;

        incident.CompleteFollowUp(DutyOfficer, true, true, "已回访", Later.AddMinutes(1));

        Assert.Equal(entries, incident.Timeline.Count);
    }

    [Fact]
    public void The_closure_keeps_the_amount_recovered()
    {
        var incident = InStage(Stage.Resolved);

        incident.Close(ZhangpuChair, ClosureAt(Later) with { Recovered = Money.FromYuan(180_000) }, Later);

        Assert.Equal(Money.FromYuan(180_000), incident.Closure!.Recovered);
        Assert.Equal(18_000_000, Assert.IsType<IncidentEvent.Closed>(incident.Timeline.Single(e => e.Kind == TimelineKind.Closed).Event).RecoveredFen);
    }

    [Fact]
    public void A_negative_amount_recovered_is_refused()
    {
        var incident = InStage(Stage.Resolved);

        var error = Assert.Throws<DomainException>(() => incident.Close(ZhangpuChair, ClosureAt(Later) with { Recovered = new Money(-1) }, Later));

        Assert.Equal("incident.recovered-invalid", error.Code);
        Assert.Equal(Stage.Resolved, incident.Stage);
    }

    [Fact]
    public void The_default_follow_up_date_comes_from_the_playbook()
    {
        var playbook = DefaultPlaybook();
        playbook.SetDuration(PlanStepKind.FollowUpVisit, GradeBand.Minor, 14 * 24 * 60, "admin", ReportedAt);

        Assert.Equal(new DateOnly(2026, 3, 24), Closure.DefaultFollowUpDate(playbook, SeverityGrade.III, ReportedAt));
        Assert.Equal(new DateOnly(2026, 4, 9), Closure.DefaultFollowUpDate(playbook, SeverityGrade.II, ReportedAt));
    }

    [Fact]
    public void The_duty_officer_reassigns_a_step_to_an_engaged_office_with_the_reason()
    {
        var incident = Logged();
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), Later);
        var step = incident.OpenStep(PlanStepKind.WrittenReport)!;
        var from = new OwnerRef(ZhangpuId, Roles.TownOfficer, "张浦镇总工会", "Zhangpu");
        var to = new OwnerRef(ZhangpuJusticeOfficeId, Roles.DepartmentLiaison, "张浦司法所", "Zhangpu Justice");

        incident.ReassignStep(DutyOfficer, step.Id, from, to, " 由司法所牵头 ", Later);

        Assert.Equal((ZhangpuJusticeOfficeId, Roles.DepartmentLiaison), (step.OwnerOrganisationId, step.OwnerRole));
        Assert.Equal(new IncidentEvent.StepReassigned(new StepRef(PlanStepKind.WrittenReport), from, to, "由司法所牵头"), incident.Timeline[^1].Event);
    }

    [Fact]
    public void Only_the_duty_officer_reassigns_and_only_to_someone_who_may_see_the_incident()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.WrittenReport)!;
        var from = new OwnerRef(ZhangpuId, Roles.TownOfficer, "张浦镇总工会", "Zhangpu");
        var notEngaged = new OwnerRef(CityPoliceId, Roles.DepartmentLiaison, "昆山市公安局", "Police");
        var otherTown = new OwnerRef(YushanId, Roles.TownOfficer, "玉山镇总工会", "Yushan");

        Assert.Equal("incident.not-allowed", Assert.Throws<DomainException>(() => incident.ReassignStep(ZhangpuChair, step.Id, from, notEngaged, "改派", Later)).Code);
        Assert.Equal("incident.owner-not-engaged", Assert.Throws<DomainException>(() => incident.ReassignStep(DutyOfficer, step.Id, from, notEngaged, "改派", Later)).Code);
        Assert.Equal("incident.owner-not-engaged", Assert.Throws<DomainException>(() => incident.ReassignStep(DutyOfficer, step.Id, from, otherTown, "改派", Later)).Code);
        Assert.Equal("incident.reason-required", Assert.Throws<DomainException>(() => incident.ReassignStep(DutyOfficer, step.Id, from, otherTown, " ", Later)).Code);
        Assert.Equal(ZhangpuId, step.OwnerOrganisationId);
    }

    [Fact]
    public void An_engaged_department_adds_a_task_with_a_due_time_that_becomes_a_step_it_owns()
    {
        var incident = Logged();
        var engagement = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), Later);

        incident.AddTask(ZhangpuJusticeLiaison, engagement.Id, " 为 45 名职工申请法律援助 ", Later.AddHours(24), Later);

        var task = engagement.Tasks[^1];
        Assert.Equal("为 45 名职工申请法律援助", task.Text);
        var step = Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.Task);
        Assert.Equal((ZhangpuJusticeOfficeId, Roles.DepartmentLiaison, Later.AddHours(24), task.Id), (step.OwnerOrganisationId, step.OwnerRole, step.DueAtUtc, step.TaskId));
        Assert.Equal(new StepRef(PlanStepKind.Task, DepartmentKind.Justice, 1, "为 45 名职工申请法律援助"), incident.RefOf(step));

        incident.CompleteTask(ZhangpuJusticeLiaison, engagement.Id, task.Id, Later.AddHours(3));

        Assert.Equal(Later.AddHours(3), step.CompletedAtUtc);
    }

    [Fact]
    public void The_duty_officer_may_add_a_task_without_a_due_time_and_no_step_is_timed()
    {
        var incident = Logged();
        var engagement = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Police, CityPoliceId, DefaultPlaybook(), Later);

        incident.AddTask(DutyOfficer, engagement.Id, "调取厂区监控", null, Later);

        Assert.DoesNotContain(incident.Steps, s => s.Kind == PlanStepKind.Task);
        Assert.Equal(new IncidentEvent.TaskAdded(DepartmentKind.Police, "调取厂区监控", null), incident.Timeline[^1].Event);
    }

    [Fact]
    public void A_task_from_someone_not_engaged_or_due_in_the_past_is_refused()
    {
        var incident = Logged();
        var engagement = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Police, CityPoliceId, DefaultPlaybook(), Later);

        Assert.Equal("incident.not-allowed", Assert.Throws<DomainException>(() => incident.AddTask(ZhangpuJusticeLiaison, engagement.Id, "任务", null, Later)).Code);
        Assert.Equal("incident.task-due", Assert.Throws<DomainException>(() => incident.AddTask(PoliceLiaison, engagement.Id, "任务", Later.AddMinutes(-1), Later)).Code);
        Assert.Equal("incident.text-length", Assert.Throws<DomainException>(() => incident.AddTask(PoliceLiaison, engagement.Id, new string('长', EngagementTask.TextMaxLength + 1), null, Later)).Code);
        Assert.Equal(2, engagement.Tasks.Count);
    }

    [Fact]
    public void Correcting_the_type_re_plans_the_departments_to_engage()
    {
        // Wage arrears needs labour and justice; a work stoppage needs labour, political-legal, safety and police.
        var incident = Logged();
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.LaborInspection, ZhangpuLaborOfficeId, DefaultPlaybook(), Later);

        incident.CorrectType(ZhangpuOfficer, IncidentType.WorkStoppage, "实为停工", DefaultPlaybook(), Ownership.Domestic, Later);

        Assert.Equal(IncidentType.WorkStoppage, incident.Type);
        DepartmentKind[] added = [DepartmentKind.PoliticalLegal, DepartmentKind.Safety, DepartmentKind.Police];
        Assert.Equal(added.Order(), incident.Steps.Where(s => s.IsOpen && s.Kind == PlanStepKind.EngageDepartment).Select(s => s.Department!.Value).Order());
        var corrected = Assert.IsType<IncidentEvent.TypeCorrected>(incident.Timeline.Last(e => e.Kind == TimelineKind.TypeCorrected).Event);
        Assert.Equal((IncidentType.WageArrears, IncidentType.WorkStoppage), (corrected.From, corrected.To));
        Assert.Equal(added.Order(), corrected.Added.Order());
        Assert.Equal([DepartmentKind.Justice], corrected.Dropped);
    }

    [Fact]
    public void Correcting_the_type_of_a_foreign_invested_stoppage_raises_the_suggestion()
    {
        var incident = Logged(Report(workers: 10, wagesYuan: 10_000m, ownership: Ownership.Foreign));

        incident.CorrectType(ZhangpuChair, IncidentType.WorkStoppage, "实为停工", DefaultPlaybook(), Ownership.Foreign, Later);

        Assert.Equal(SeverityGrade.III, incident.SuggestedGrade);
        Assert.Equal(SeverityGrade.IV, incident.Grade);
        Assert.Equal(new IncidentEvent.GradeSuggested(SeverityGrade.III), incident.Timeline[^1].Event);
    }

    [Fact]
    public void Correcting_the_type_needs_a_reason_and_a_real_type()
    {
        var incident = Logged();

        Assert.Equal("incident.reason-required", Assert.Throws<DomainException>(() => incident.CorrectType(ZhangpuOfficer, IncidentType.Closure, " ", DefaultPlaybook(), Ownership.Domestic, Later)).Code);
        Assert.Equal("incident.type-required", Assert.Throws<DomainException>(() => incident.CorrectType(ZhangpuOfficer, (IncidentType)99, "错", DefaultPlaybook(), Ownership.Domestic, Later)).Code);
        Assert.Equal("incident.not-allowed", Assert.Throws<DomainException>(() => incident.CorrectType(LaborLiaison, IncidentType.Closure, "错", DefaultPlaybook(), Ownership.Domestic, Later)).Code);
        Assert.Equal(IncidentType.WageArrears, incident.Type);
    }

    [Fact]
    public void Corrected_details_keep_each_fields_old_and_new_value_in_full()
    {
        var incident = Logged();
        var longer = new string('长', IncidentReport.DescriptionMaxLength);

        incident.UpdateDetails(ZhangpuOfficer, 45, Money.FromYuan(200_000), 3, "张浦镇科家塑胶厂区门口", AggravatingFacts.RoadBlocking, longer, DefaultPlaybook(), Ownership.Domestic, Later);

        var changed = Assert.IsType<IncidentEvent.DetailsChanged>(incident.Timeline.Single(e => e.Kind == TimelineKind.DetailsChanged).Event);
        Assert.Equal([IncidentField.Workers, IncidentField.Facts, IncidentField.Description], changed.Changes.Select(c => c.Field));
        Assert.Equal(("40", "45"), (changed.Changes[0].Before, changed.Changes[0].After));
        Assert.Equal(longer, changed.Changes[2].After);
        Assert.Equal(new IncidentEvent.GradeSuggested(SeverityGrade.II), incident.Timeline[^1].Event);
    }

    [Fact]
    public void An_escalation_is_numbered_with_the_rest_but_leaves_the_version_users_edit()
    {
        var incident = Logged();
        var token = incident.ConcurrencyToken;
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;

        incident.RecordEscalation(1, step, ["陈卫东"], Later);

        Assert.Equal(token, incident.ConcurrencyToken);
        var entry = incident.Timeline[^1];
        Assert.True(entry.IsBySystem);
        Assert.Equal(incident.LastSequence, entry.Sequence);
        Assert.Equal(new StepRef(PlanStepKind.ArriveOnScene), Assert.IsType<IncidentEvent.Escalated>(entry.Event).Step);
    }

    [Fact]
    public void Entries_are_numbered_one_after_another_and_survive_a_round_trip_through_their_payload()
    {
        var incident = InStage(Stage.Closed);

        Assert.Equal(Enumerable.Range(1, incident.Timeline.Count), incident.Timeline.Select(e => e.Sequence));
        Assert.All(incident.Timeline, e => Assert.Equal(e.Event, IncidentEvent.FromJson(e.Payload)));
        Assert.All(incident.Timeline, e => Assert.Equal(e.Kind, e.Event.Kind));
    }

    [Fact]
    public void The_aggregates_collections_cannot_be_changed_from_outside()
    {
        var incident = Logged();

        Assert.False(incident.Steps is ICollection<PlanStep> { IsReadOnly: false }, "Steps cannot be cast back to a list and changed");
        Assert.False(incident.Timeline is ICollection<TimelineEntry> { IsReadOnly: false }, "The timeline cannot be cast back to a list and changed");
        Assert.True(typeof(Incident).GetProperties().Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>)).ToList() is []);
    }
}
