using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class PauseResumeTests
{
    private static readonly DateTime PausedAt = ReportedAt.AddHours(2);

    [Fact]
    public void Pausing_for_three_hours_then_resuming_moves_the_due_time_by_exactly_three_hours()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.WrittenReport)!;
        var due = step.DueAtUtc;

        incident.PauseStep(ZhangpuOfficer, step.Id, "等待法院裁定", PausedAt);
        Assert.True(step.IsPaused);
        Assert.Equal(due, step.DueAtUtc);
        incident.ResumeStep(ZhangpuOfficer, step.Id, PausedAt.AddHours(3));

        Assert.False(step.IsPaused);
        Assert.Equal(due.AddHours(3), step.DueAtUtc);
        Assert.Equal(TimeSpan.FromHours(3), step.PausedTotal);
        var pause = Assert.Single(step.Pauses);
        Assert.Equal("等待法院裁定", pause.Reason);
        Assert.Equal(ZhangpuOfficer.Name, pause.By);
        Assert.Equal(
            [TimelineKind.StepPaused, TimelineKind.StepResumed],
            incident.Timeline.Skip(2).Select(e => e.Kind));
        Assert.Equal(new IncidentEvent.StepPaused(new StepRef(PlanStepKind.WrittenReport), "等待法院裁定"), incident.Timeline[2].Event);
    }

    [Fact]
    public void A_paused_step_is_not_overdue_even_past_its_due_time()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;
        var due = step.DueAtUtc;
        Assert.False(step.IsOverdue(due));
        Assert.True(step.IsOverdue(due.AddSeconds(1)));

        incident.PauseStep(ZhangpuOfficer, step.Id, "道路封闭", due.AddMinutes(-10));

        Assert.False(step.IsOverdue(due.AddDays(3)));
        incident.ResumeStep(ZhangpuOfficer, step.Id, due.AddMinutes(20));
        Assert.False(step.IsOverdue(due.AddMinutes(30)));
        Assert.True(step.IsOverdue(due.AddMinutes(30).AddSeconds(1)));
    }

    [Fact]
    public void Pausing_a_paused_step_again_is_a_no_op()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.Resolve)!;
        incident.PauseStep(ZhangpuOfficer, step.Id, "等待仲裁", PausedAt);
        var before = Snapshot.Of(incident);

        incident.PauseStep(ZhangpuChair, step.Id, "另一个原因", PausedAt.AddHours(1));

        Assert.Equal(before, Snapshot.Of(incident));
        var pause = Assert.Single(step.Pauses);
        Assert.Equal(PausedAt, pause.StartedAtUtc);
        Assert.Equal("等待仲裁", pause.Reason);
    }

    [Fact]
    public void Resuming_a_step_that_is_not_paused_is_a_no_op()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.Resolve)!;
        var due = step.DueAtUtc;
        var before = Snapshot.Of(incident);

        incident.ResumeStep(ZhangpuOfficer, step.Id, PausedAt);

        Assert.Equal(before, Snapshot.Of(incident));
        Assert.Equal(due, step.DueAtUtc);
    }

    [Fact]
    public void Pauses_add_up()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.Resolve)!;
        var due = step.DueAtUtc;

        incident.PauseStep(ZhangpuOfficer, step.Id, "一", PausedAt);
        incident.ResumeStep(ZhangpuOfficer, step.Id, PausedAt.AddHours(1));
        incident.PauseStep(ZhangpuOfficer, step.Id, "二", PausedAt.AddHours(5));
        incident.ResumeStep(ZhangpuOfficer, step.Id, PausedAt.AddHours(7));

        Assert.Equal(TimeSpan.FromHours(3), step.PausedTotal);
        Assert.Equal(due.AddHours(3), step.DueAtUtc);
    }

    [Fact]
    public void A_paused_step_can_be_completed()
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.WrittenReport)!;
        incident.PauseStep(ZhangpuOfficer, step.Id, "等待材料", PausedAt);

        incident.SubmitWrittenReport(ZhangpuOfficer, "书面报告全文", PausedAt.AddHours(1));

        Assert.False(step.IsOpen);
        Assert.False(step.IsPaused);
        Assert.Equal(PausedAt.AddHours(1), step.CompletedAtUtc);
        Assert.Equal(PausedAt.AddHours(1), Assert.Single(step.Pauses).EndedAtUtc);
        Assert.False(step.IsOverdue(PausedAt.AddDays(30)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Pausing_needs_a_reason(string reason)
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.Resolve)!;
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.PauseStep(ZhangpuOfficer, step.Id, reason, PausedAt));

        Assert.Equal("incident.reason-required", error.Code);
        Assert.False(step.IsPaused);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void A_completed_step_cannot_be_paused()
    {
        var incident = Logged();
        incident.ConfirmArrival(ZhangpuOfficer, ReportedAt.AddMinutes(20), ReportedAt.AddMinutes(20));
        var arrive = incident.Steps.Single(s => s.Kind == PlanStepKind.ArriveOnScene);
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.PauseStep(ZhangpuOfficer, arrive.Id, "迟到", PausedAt));

        Assert.Equal("step.not-open", error.Code);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void An_unknown_step_is_refused()
    {
        var incident = Logged();

        var error = Assert.Throws<DomainException>(() => incident.PauseStep(ZhangpuOfficer, Guid.NewGuid(), "原因", PausedAt));

        Assert.Equal("incident.step-missing", error.Code);
    }

    [Theory]
    [InlineData("yushan-officer")]
    [InlineData("labor-liaison")]
    [InlineData("city-leader")]
    [InlineData("administrator")]
    public void Only_the_town_side_may_pause_a_step(string who)
    {
        var incident = Logged();
        var step = incident.OpenStep(PlanStepKind.Resolve)!;

        var error = Assert.Throws<DomainException>(() => incident.PauseStep(Actors[who], step.Id, "原因", PausedAt));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.False(step.IsPaused);
    }
}
