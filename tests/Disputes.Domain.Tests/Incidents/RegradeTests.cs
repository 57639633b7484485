using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class RegradeTests
{
    private static readonly DateTime RegradeAt = ReportedAt.AddHours(6);

    public static TheoryData<string> WhoMayNotRegrade() =>
        ["zhangpu-officer", "yushan-officer", "yushan-chair", "labor-liaison", "zhangpu-justice-liaison", "city-leader", "administrator"];

    [Fact]
    public void Raising_the_grade_moves_open_steps_to_the_major_timers_from_their_start_and_leaves_completed_steps_alone()
    {
        var playbook = DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        Assert.Equal(SeverityGrade.III, incident.Grade);
        incident.ConfirmArrival(ZhangpuOfficer, ReportedAt.AddMinutes(50), ReportedAt.AddMinutes(55));
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, playbook, ReportedAt.AddHours(1));
        incident.AddProgressNote(ZhangpuOfficer, "现场已稳定", playbook, ReportedAt.AddHours(2));
        var arrive = Single(incident, PlanStepKind.ArriveOnScene);
        var engageJustice = Single(incident, PlanStepKind.EngageDepartment, DepartmentKind.Justice);
        var firstUpdate = incident.Steps.Single(s => s.Kind == PlanStepKind.ProgressUpdate && s.Sequence == 1);
        var completedDueTimes = new[] { arrive, engageJustice, firstUpdate }.Select(s => (s.DueAtUtc, s.CompletedAtUtc)).ToList();

        incident.ChangeGrade(ZhangpuChair, SeverityGrade.II, "工人已堵路", playbook, RegradeAt);

        Assert.Equal(SeverityGrade.II, incident.Grade);
        Assert.Equal(SeverityGrade.III, incident.SuggestedGrade);
        Assert.Equal(completedDueTimes, new[] { arrive, engageJustice, firstUpdate }.Select(s => (s.DueAtUtc, s.CompletedAtUtc)));
        Assert.Equal(ReportedAt.AddMinutes(30), Single(incident, PlanStepKind.InitialReport).DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(2), Single(incident, PlanStepKind.WrittenReport).DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(1), Single(incident, PlanStepKind.EngageDepartment, DepartmentKind.LaborInspection).DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(1).AddMinutes(30), Single(incident, PlanStepKind.DepartmentAcknowledges, DepartmentKind.Justice).DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(2 + 12), incident.OpenStep(PlanStepKind.ProgressUpdate)!.DueAtUtc);
        Assert.Equal(ReportedAt.AddDays(7), Single(incident, PlanStepKind.Resolve).DueAtUtc);
        var entry = incident.Timeline[^1];
        Assert.Equal(TimelineKind.GradeChanged, entry.Kind);
        Assert.Equal(new IncidentEvent.GradeChanged(SeverityGrade.III, SeverityGrade.II, "工人已堵路"), entry.Event);
        Assert.Equal(ZhangpuChair.UserId, entry.ActorUserId);
        Assert.Equal(RegradeAt, entry.AtUtc);
    }

    [Fact]
    public void Lowering_the_grade_moves_open_steps_to_the_minor_timers()
    {
        var incident = Logged(Report(workers: 150));
        Assert.Equal(SeverityGrade.II, incident.Grade);

        incident.ChangeGrade(DutyOfficer, SeverityGrade.IV, "核实后仅涉及 12 人", DefaultPlaybook(), RegradeAt);

        Assert.Equal(ReportedAt.AddMinutes(60), Single(incident, PlanStepKind.ArriveOnScene).DueAtUtc);
        Assert.Equal(ReportedAt.AddHours(24), Single(incident, PlanStepKind.WrittenReport).DueAtUtc);
        Assert.Equal(ReportedAt.AddDays(15), Single(incident, PlanStepKind.Resolve).DueAtUtc);
    }

    [Fact]
    public void A_move_within_the_band_keeps_the_timers()
    {
        var incident = Logged();
        var due = incident.Steps.Select(s => s.DueAtUtc).ToList();

        incident.ChangeGrade(ZhangpuChair, SeverityGrade.IV, "人数核减", DefaultPlaybook(), RegradeAt);

        Assert.Equal(SeverityGrade.IV, incident.Grade);
        Assert.Equal(due, incident.Steps.Select(s => s.DueAtUtc));
    }

    [Fact]
    public void A_move_within_the_band_keeps_due_times_even_after_the_playbook_changed()
    {
        // The playbook applies to steps created after a change; a regrade that keeps the band brings no new timers.
        var playbook = DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        var due = incident.Steps.Select(s => s.DueAtUtc).ToList();
        playbook.SetDuration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 45, "admin", ReportedAt.AddMinutes(1));
        playbook.SetDuration(PlanStepKind.Resolve, GradeBand.Minor, 10 * 24 * 60, "admin", ReportedAt.AddMinutes(1));

        incident.ChangeGrade(ZhangpuChair, SeverityGrade.IV, "人数核减", playbook, RegradeAt);

        Assert.Equal(SeverityGrade.IV, incident.Grade);
        Assert.Equal(due, incident.Steps.Select(s => s.DueAtUtc));
    }

    [Fact]
    public void Time_already_paused_still_counts_after_a_regrade()
    {
        var playbook = DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        var written = Single(incident, PlanStepKind.WrittenReport);
        var resolve = Single(incident, PlanStepKind.Resolve);
        incident.PauseStep(ZhangpuOfficer, written.Id, "等待法院裁定", ReportedAt.AddHours(1));
        incident.ResumeStep(ZhangpuOfficer, written.Id, ReportedAt.AddHours(4));
        incident.PauseStep(ZhangpuOfficer, resolve.Id, "等待法院裁定", ReportedAt.AddHours(5));

        incident.ChangeGrade(ZhangpuChair, SeverityGrade.I, "扬言跳楼", playbook, RegradeAt);

        Assert.Equal(ReportedAt.AddHours(2 + 3), written.DueAtUtc);
        Assert.Equal(ReportedAt.AddDays(7), resolve.DueAtUtc);
        incident.ResumeStep(ZhangpuOfficer, resolve.Id, ReportedAt.AddHours(7));
        Assert.Equal(ReportedAt.AddDays(7).AddHours(2), resolve.DueAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Regrading_needs_a_reason(string reason)
    {
        var incident = Logged();
        var due = incident.Steps.Select(s => s.DueAtUtc).ToList();
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.ChangeGrade(ZhangpuChair, SeverityGrade.I, reason, DefaultPlaybook(), RegradeAt));

        Assert.Equal("incident.grade-reason-required", error.Code);
        Assert.Equal(SeverityGrade.III, incident.Grade);
        Assert.Equal(before, Snapshot.Of(incident));
        Assert.Equal(due, incident.Steps.Select(s => s.DueAtUtc));
    }

    [Fact]
    public void A_reason_longer_than_500_characters_is_refused()
    {
        var incident = Logged();

        var error = Assert.Throws<DomainException>(() =>
            incident.ChangeGrade(ZhangpuChair, SeverityGrade.I, new string('因', 501), DefaultPlaybook(), RegradeAt));

        Assert.Equal("incident.grade-reason-required", error.Code);
        Assert.Equal(SeverityGrade.III, incident.Grade);
    }

    [Fact]
    public void Regrading_to_the_same_grade_is_a_no_op()
    {
        var incident = Logged();
        var before = Snapshot.Of(incident);

        incident.ChangeGrade(ZhangpuChair, SeverityGrade.III, "", DefaultPlaybook(), RegradeAt);
        incident.ChangeGrade(ZhangpuChair, SeverityGrade.III, "确认", DefaultPlaybook(), RegradeAt);

        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Theory]
    [MemberData(nameof(WhoMayNotRegrade))]
    public void Only_the_towns_chair_or_the_duty_officer_may_regrade(string who)
    {
        var incident = Logged();
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() =>
            incident.ChangeGrade(Actors[who], SeverityGrade.I, "升级", DefaultPlaybook(), RegradeAt));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.Equal(SeverityGrade.III, incident.Grade);
        Assert.Equal(before, Snapshot.Of(incident));
        Assert.False(IncidentPermissions.Can(Actors[who], incident, IncidentAction.ChangeGrade));
    }

    [Theory]
    [InlineData("zhangpu-chair")]
    [InlineData("duty-officer")]
    public void The_towns_chair_and_the_duty_officer_may_regrade(string who)
    {
        var incident = Logged();

        incident.ChangeGrade(Actors[who], SeverityGrade.I, "升级", DefaultPlaybook(), RegradeAt);

        Assert.Equal(SeverityGrade.I, incident.Grade);
    }

    [Theory]
    [InlineData(Stage.Closed)]
    [InlineData(Stage.Cancelled)]
    public void A_finished_incident_cannot_be_regraded(Stage stage)
    {
        var incident = InStage(stage);

        var error = Assert.Throws<DomainException>(() => incident.ChangeGrade(DutyOfficer, SeverityGrade.I, "补充", DefaultPlaybook(), RegradeAt));

        Assert.Equal("incident.not-allowed", error.Code);
    }

    private static PlanStep Single(Incident incident, PlanStepKind kind, DepartmentKind? department = null) =>
        incident.Steps.Single(s => s.Kind == kind && (department is null || s.Department == department));
}
