using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Playbooks;

public sealed class PlanGenerationTests
{
    /// <summary>DESIGN.md, "Required departments by type".</summary>
    private static readonly Dictionary<IncidentType, DepartmentKind[]> Required = new()
    {
        [IncidentType.AbscondingOwner] = [DepartmentKind.LaborInspection, DepartmentKind.Police, DepartmentKind.Justice],
        [IncidentType.WageArrears] = [DepartmentKind.LaborInspection, DepartmentKind.Justice],
        [IncidentType.Closure] = [DepartmentKind.LaborInspection, DepartmentKind.Justice, DepartmentKind.Petition],
        [IncidentType.CollectivePayDispute] = [DepartmentKind.LaborInspection, DepartmentKind.PoliticalLegal],
        [IncidentType.WorkStoppage] = [DepartmentKind.LaborInspection, DepartmentKind.PoliticalLegal, DepartmentKind.Safety, DepartmentKind.Police],
        [IncidentType.MassLayoff] = [],
        [IncidentType.SocialInsurance] = [],
        [IncidentType.Other] = [],
    };

    /// <summary>DESIGN.md, "The emergency plan": (grade I–II, grade III–IV).</summary>
    private static readonly Dictionary<PlanStepKind, (TimeSpan Major, TimeSpan Minor)> Durations = new()
    {
        [PlanStepKind.ArriveOnScene] = (TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60)),
        [PlanStepKind.InitialReport] = (TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60)),
        [PlanStepKind.WrittenReport] = (TimeSpan.FromHours(2), TimeSpan.FromHours(24)),
        [PlanStepKind.EngageDepartment] = (TimeSpan.FromHours(1), TimeSpan.FromHours(4)),
        [PlanStepKind.DepartmentAcknowledges] = (TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)),
        [PlanStepKind.ProgressUpdate] = (TimeSpan.FromHours(12), TimeSpan.FromHours(24)),
        [PlanStepKind.Resolve] = (TimeSpan.FromDays(7), TimeSpan.FromDays(15)),
    };

    public static TheoryData<IncidentType, SeverityGrade> EveryTypeInBothBands()
    {
        var data = new TheoryData<IncidentType, SeverityGrade>();
        foreach (var type in Enum.GetValues<IncidentType>())
        {
            data.Add(type, SeverityGrade.II);
            data.Add(type, SeverityGrade.IV);
        }

        return data;
    }

    public static TheoryData<SeverityGrade> BothBands() => [SeverityGrade.I, SeverityGrade.IV];

    [Fact]
    public void Every_incident_type_has_its_required_departments_written_down_here()
    {
        Assert.Equal(Enum.GetValues<IncidentType>().Order(), Required.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(EveryTypeInBothBands))]
    public void Logging_lays_out_the_plan_for_the_type_and_grade(IncidentType type, SeverityGrade grade)
    {
        // 150 workers reach grade II, 10 workers stay at IV, whatever the type.
        var incident = Logged(Report(type, workers: grade == SeverityGrade.II ? 150 : 10, wagesYuan: 0));
        Assert.Equal(grade, incident.Grade);
        var major = grade == SeverityGrade.II;

        Assert.Equal(
            new[] { PlanStepKind.ArriveOnScene, PlanStepKind.InitialReport, PlanStepKind.WrittenReport }
                .Concat(Required[type].Select(_ => PlanStepKind.EngageDepartment))
                .Concat([PlanStepKind.ProgressUpdate, PlanStepKind.Resolve])
                .Order(),
            incident.Steps.Select(s => s.Kind).Order());
        Assert.Equal(
            Required[type].Order(),
            incident.Steps.Where(s => s.Kind == PlanStepKind.EngageDepartment).Select(s => s.Department!.Value).Order());

        Assert.All(incident.Steps, step =>
        {
            var (majorDuration, minorDuration) = Durations[step.Kind];
            Assert.Equal(ReportedAt, step.StartsAtUtc);
            Assert.Equal(ReportedAt + (major ? majorDuration : minorDuration), step.DueAtUtc);
            Assert.Equal(ZhangpuId, step.OwnerOrganisationId);
            Assert.Equal(step.Kind == PlanStepKind.Resolve ? Roles.TownChair : Roles.TownOfficer, step.OwnerRole);
            Assert.Equal(1, step.Sequence);
            Assert.True(step.IsOpen);
            Assert.False(step.IsPaused);
            Assert.Equal(step.Kind == PlanStepKind.EngageDepartment, step.Department is not null);
        });
    }

    [Fact]
    public void An_absconding_owner_incident_requires_police_engagement()
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));

        Assert.NotNull(incident.OpenStep(PlanStepKind.EngageDepartment, DepartmentKind.Police));
    }

    [Fact]
    public void Logging_records_who_logged_it_and_the_suggested_grade()
    {
        var incident = Logged();

        Assert.Equal("ZP-2026-0007", incident.Number);
        Assert.Equal(Stage.Reported, incident.Stage);
        Assert.Equal(ZhangpuOfficer.UserId, incident.ReportedByUserId);
        Assert.Equal(ReportedAt, incident.ReportedAtUtc);
        Assert.Equal(
            [TimelineKind.Logged, TimelineKind.GradeSuggested],
            incident.Timeline.Select(e => e.Kind));
        Assert.Equal(new IncidentEvent.GradeSuggested(SeverityGrade.III), incident.Timeline[1].Event);
        Assert.NotEqual(Guid.Empty, incident.ConcurrencyToken);
    }

    [Theory]
    [MemberData(nameof(BothBands))]
    public void Engaging_a_department_completes_its_engage_step_and_starts_an_acknowledgement_owned_by_the_engaged_office(SeverityGrade grade)
    {
        var incident = Logged(Report(IncidentType.WageArrears, workers: grade == SeverityGrade.I ? 300 : 5, wagesYuan: 0));
        Assert.Equal(grade, incident.Grade);
        var at = ReportedAt.AddMinutes(20);

        var engagement = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), at);

        Assert.Equal(ZhangpuJusticeOfficeId, engagement.OrganisationId);
        Assert.Equal(at, engagement.EngagedAtUtc);
        Assert.False(engagement.IsAcknowledged);
        Assert.Equal(["Task.Justice.LegalAid", "Task.Justice.Mediation"], engagement.Tasks.Select(t => t.Key));
        var engage = Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.EngageDepartment && s.Department == DepartmentKind.Justice);
        Assert.Equal(at, engage.CompletedAtUtc);
        Assert.True(incident.OpenStep(PlanStepKind.EngageDepartment, DepartmentKind.LaborInspection)!.IsOpen);
        var acknowledge = Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.DepartmentAcknowledges);
        Assert.Equal(DepartmentKind.Justice, acknowledge.Department);
        Assert.Equal(ZhangpuJusticeOfficeId, acknowledge.OwnerOrganisationId);
        Assert.Equal(Roles.DepartmentLiaison, acknowledge.OwnerRole);
        Assert.Equal(at, acknowledge.StartsAtUtc);
        Assert.Equal(at + (grade == SeverityGrade.I ? TimeSpan.FromMinutes(30) : TimeSpan.FromHours(2)), acknowledge.DueAtUtc);
        Assert.Contains(incident.Timeline, e => e.Event == new IncidentEvent.DepartmentEngaged(DepartmentKind.Justice));
    }

    [Fact]
    public void Engaging_a_department_the_plan_does_not_require_still_starts_its_acknowledgement()
    {
        var incident = Logged(Report(IncidentType.Other));

        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Petition, 23, DefaultPlaybook(), ReportedAt.AddHours(1));

        Assert.Single(incident.Engagements);
        Assert.NotNull(incident.OpenStep(PlanStepKind.DepartmentAcknowledges, DepartmentKind.Petition));
    }

    [Fact]
    public void Engaging_the_same_department_twice_is_a_no_op()
    {
        var incident = Logged();
        var first = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.LaborInspection, ZhangpuLaborOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));
        var before = Snapshot.Of(incident);

        var second = incident.EngageDepartment(ZhangpuChair, DepartmentKind.LaborInspection, CityLaborInspectionId, DefaultPlaybook(), ReportedAt.AddMinutes(20));

        Assert.Same(first, second);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Theory]
    [MemberData(nameof(BothBands))]
    public void A_progress_note_from_the_town_completes_the_update_and_starts_the_next(SeverityGrade grade)
    {
        var incident = Logged(Report(workers: grade == SeverityGrade.I ? 400 : 5, wagesYuan: 0));
        var at = ReportedAt.AddHours(5);

        incident.AddProgressNote(ZhangpuOfficer, "已与企业负责人约谈", DefaultPlaybook(), at);

        var updates = incident.Steps.Where(s => s.Kind == PlanStepKind.ProgressUpdate).OrderBy(s => s.Sequence).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(at, updates[0].CompletedAtUtc);
        Assert.Equal(2, updates[1].Sequence);
        Assert.True(updates[1].IsOpen);
        Assert.Equal(at, updates[1].StartsAtUtc);
        Assert.Equal(at + (grade == SeverityGrade.I ? TimeSpan.FromHours(12) : TimeSpan.FromHours(24)), updates[1].DueAtUtc);
        Assert.Equal(ZhangpuId, updates[1].OwnerOrganisationId);
        Assert.Equal(Roles.TownOfficer, updates[1].OwnerRole);
        Assert.Contains(incident.Timeline, e => e.Event == new IncidentEvent.Note("已与企业负责人约谈"));
    }

    [Fact]
    public void A_liaisons_note_is_recorded_but_does_not_count_as_the_progress_update()
    {
        var incident = Logged();
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.LaborInspection, ZhangpuLaborOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));
        var due = incident.OpenStep(PlanStepKind.ProgressUpdate)!;

        incident.AddProgressNote(LaborLiaison, "已下达限期整改指令书", DefaultPlaybook(), ReportedAt.AddHours(5));

        Assert.True(due.IsOpen);
        Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.ProgressUpdate);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineKind.Note && e.ActorUserId == LaborLiaison.UserId);
    }

    [Fact]
    public void A_liaison_whose_department_is_not_engaged_may_not_write_notes()
    {
        var incident = Logged();
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.AddProgressNote(LaborLiaison, "x", DefaultPlaybook(), ReportedAt.AddHours(1)));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void A_change_to_the_playbook_applies_to_steps_created_after_it()
    {
        var playbook = DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        var arriveDue = incident.OpenStep(PlanStepKind.ArriveOnScene)!.DueAtUtc;

        playbook.SetDuration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 45, "admin", ReportedAt.AddMinutes(1));
        playbook.SetDuration(PlanStepKind.ProgressUpdate, GradeBand.Minor, 6 * 60, "admin", ReportedAt.AddMinutes(1));
        incident.AddProgressNote(ZhangpuOfficer, "续报", playbook, ReportedAt.AddHours(2));

        Assert.Equal(arriveDue, incident.OpenStep(PlanStepKind.ArriveOnScene)!.DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(8), incident.OpenStep(PlanStepKind.ProgressUpdate)!.DueAtUtc);
        Assert.Equal(ReportedAt.AddMinutes(45), Logged(playbook: playbook).OpenStep(PlanStepKind.ArriveOnScene)!.DueAtUtc);
    }
}
