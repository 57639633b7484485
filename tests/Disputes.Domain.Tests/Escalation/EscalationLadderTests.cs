using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Microsoft.Extensions.Time.Testing;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Escalation;

public sealed class EscalationLadderTests
{
    private readonly FakeTimeProvider _clock = new(ReportedAt);
    private readonly Playbook _playbook = DefaultPlaybook();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public static TheoryData<int, int, int> Bands() => new()
    {
        // workers → grade; arrive-on-scene minutes for the band
        { 400, (int)SeverityGrade.I, 30 },
        { 150, (int)SeverityGrade.II, 30 },
        { 40, (int)SeverityGrade.III, 60 },
        { 10, (int)SeverityGrade.IV, 60 },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void The_ladder_climbs_at_the_due_time_then_30_then_60_minutes_later_and_never_before(int workers, int grade, int arriveMinutes)
    {
        var incident = Logged(Report(workers: workers, wagesYuan: 10_000m));
        Assert.Equal((SeverityGrade)grade, incident.Grade);
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;

        var fired = RunLadder(step, TimeSpan.FromHours(4));

        Assert.Equal(
            [(1, ReportedAt.AddMinutes(arriveMinutes)), (2, ReportedAt.AddMinutes(arriveMinutes + 30)), (3, ReportedAt.AddMinutes(arriveMinutes + 90))],
            fired);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(150, true)]
    [InlineData(40, false)]
    [InlineData(10, false)]
    public void Grade_I_and_II_tell_the_city_leaders_at_once(int workers, bool alerts)
    {
        var incident = Logged(Report(workers: workers, wagesYuan: 10_000m));

        Assert.Equal(alerts, EscalationLadder.AlertsCityLeaders(incident.Grade));
    }

    [Fact]
    public void A_level_is_not_due_one_tick_before_its_time_and_is_due_at_it()
    {
        var step = Logged().OpenStep(PlanStepKind.ArriveOnScene)!;

        Assert.Empty(EscalationLadder.DueLevels(step, new HashSet<int>(), _playbook, step.DueAtUtc.AddTicks(-1)));
        Assert.Equal([1], EscalationLadder.DueLevels(step, new HashSet<int>(), _playbook, step.DueAtUtc));
    }

    [Fact]
    public void The_gaps_come_from_the_playbook()
    {
        _playbook.SetEscalationGaps(5, 10, "admin", ReportedAt);
        var step = Logged().OpenStep(PlanStepKind.ArriveOnScene)!;

        var fired = RunLadder(step, TimeSpan.FromHours(2));

        Assert.Equal([(1, ReportedAt.AddMinutes(60)), (2, ReportedAt.AddMinutes(65)), (3, ReportedAt.AddMinutes(75))], fired);
    }

    [Fact]
    public void A_paused_step_does_not_escalate_and_resuming_shifts_every_level_by_the_pause()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;
        _clock.Advance(TimeSpan.FromMinutes(20));
        incident.PauseStep(ZhangpuOfficer, step.Id, "等待法院裁定", Now);

        Assert.Empty(RunLadder(step, TimeSpan.FromHours(3)));
        Assert.Null(EscalationLadder.NextDueAt(step, new HashSet<int>(), _playbook));

        incident.ResumeStep(ZhangpuOfficer, step.Id, Now);
        var fired = RunLadder(step, TimeSpan.FromHours(4));

        var resumedDue = ReportedAt.AddMinutes(60 + 180);
        Assert.Equal(resumedDue, step.DueAtUtc);
        Assert.Equal([(1, resumedDue), (2, resumedDue.AddMinutes(30)), (3, resumedDue.AddMinutes(90))], fired);
    }

    [Fact]
    public void Pausing_after_level_1_holds_level_2_back_by_the_time_paused()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;
        var escalated = new HashSet<int>();
        Assert.Equal([(1, ReportedAt.AddMinutes(60))], RunLadder(step, TimeSpan.FromMinutes(70), escalated));

        incident.PauseStep(ZhangpuOfficer, step.Id, "等待法院裁定", Now);
        _clock.Advance(TimeSpan.FromMinutes(45));
        incident.ResumeStep(ZhangpuOfficer, step.Id, Now);

        Assert.Equal(ReportedAt.AddMinutes(60 + 45 + 30), EscalationLadder.NextDueAt(step, escalated, _playbook));
        var fired = RunLadder(step, TimeSpan.FromHours(3), escalated);
        Assert.Equal([(2, ReportedAt.AddMinutes(135)), (3, ReportedAt.AddMinutes(195))], fired);
    }

    [Fact]
    public void Regrading_into_I_II_brings_the_ladder_forward_to_the_major_timers()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;
        _clock.Advance(TimeSpan.FromMinutes(10));

        incident.ChangeGrade(DutyOfficer, SeverityGrade.II, "工人堵路", _playbook, Now);
        var fired = RunLadder(step, TimeSpan.FromHours(3));

        Assert.True(EscalationLadder.AlertsCityLeaders(incident.Grade));
        Assert.Equal([(1, ReportedAt.AddMinutes(30)), (2, ReportedAt.AddMinutes(60)), (3, ReportedAt.AddMinutes(120))], fired);
    }

    [Fact]
    public void Regrading_down_puts_the_next_level_later()
    {
        var incident = Logged(Report(workers: 150));
        var step = incident.OpenStep(PlanStepKind.WrittenReport)!;
        Assert.Equal(ReportedAt.AddHours(2), step.DueAtUtc);

        incident.ChangeGrade(DutyOfficer, SeverityGrade.III, "人数核实为40人", _playbook, Now.AddMinutes(5));

        Assert.Equal(ReportedAt.AddHours(24), EscalationLadder.NextDueAt(step, new HashSet<int>(), _playbook));
        Assert.Empty(RunLadder(step, TimeSpan.FromHours(23)));
    }

    [Fact]
    public void An_acknowledgement_stops_the_ladder_of_the_acknowledging_step()
    {
        var playbook = DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var engagement = incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, playbook, Now);
        var step = incident.OpenStep(PlanStepKind.DepartmentAcknowledges, DepartmentKind.Justice)!;
        var escalated = new HashSet<int>();

        // Due two hours after engaging (grade III); level 1 fires, then the office signs for it.
        Assert.Equal([(1, ReportedAt.AddMinutes(140))], RunLadder(step, TimeSpan.FromMinutes(125), escalated));
        incident.Acknowledge(ZhangpuJusticeLiaison, engagement.Id, Now);

        Assert.Empty(RunLadder(step, TimeSpan.FromHours(5), escalated));
        Assert.Null(EscalationLadder.NextDueAt(step, escalated, playbook));
    }

    [Fact]
    public void Completing_or_closing_stops_the_ladder_and_the_follow_up_visit_has_its_own()
    {
        var playbook = DefaultPlaybook();
        var incident = InStage(Stage.Closed, playbook);

        Assert.All(incident.Steps.Where(s => s.Kind != PlanStepKind.FollowUpVisit),
            s => Assert.Empty(EscalationLadder.DueLevels(s, new HashSet<int>(), playbook, ReportedAt.AddDays(60))));
        var visit = Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.FollowUpVisit);
        Assert.Equal([1, 2, 3], EscalationLadder.DueLevels(visit, new HashSet<int>(), playbook, visit.DueAtUtc.AddHours(2)));
    }

    /// <summary>Moves the fake clock on a minute at a time, firing each level as it falls due, as the sweep would.</summary>
    private List<(int Level, DateTime At)> RunLadder(PlanStep step, TimeSpan duration, HashSet<int>? escalated = null)
    {
        escalated ??= [];
        var fired = new List<(int, DateTime)>();
        var end = Now + duration;
        while (Now < end)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var level in EscalationLadder.DueLevels(step, escalated, _playbook, Now))
            {
                Assert.True(Now >= EscalationLadder.DueAt(step, level, _playbook));
                fired.Add((level, Now));
                escalated.Add(level);
            }
        }

        return fired;
    }
}
