using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Microsoft.Extensions.Time.Testing;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class ArrivalTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(ReportedAt));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void Confirming_arrival_completes_the_arrive_step_at_the_arrival_time_and_starts_the_response()
    {
        var incident = Logged(at: Now);
        _clock.Advance(TimeSpan.FromMinutes(40));
        var arrivedAt = Now.AddMinutes(-15);

        incident.ConfirmArrival(ZhangpuOfficer, arrivedAt, Now);

        Assert.Equal(arrivedAt, incident.ArrivedOnSceneAtUtc);
        var arrive = incident.Steps.Single(s => s.Kind == PlanStepKind.ArriveOnScene);
        Assert.Equal(arrivedAt, arrive.CompletedAtUtc);
        Assert.Equal(ZhangpuOfficer.Name, arrive.CompletedBy);
        Assert.Equal(Stage.Responding, incident.Stage);
        Assert.Equal(
            [TimelineKind.ArrivedOnScene, TimelineKind.StageChanged],
            incident.Timeline.Skip(2).Select(e => e.Kind));
        Assert.Equal(new IncidentEvent.StageChanged(Stage.Reported, Stage.Responding), incident.Timeline[^1].Event);
        Assert.All(incident.Timeline.Skip(2), e => Assert.Equal(Now, e.AtUtc));
    }

    [Fact]
    public void An_arrival_more_than_five_minutes_in_the_future_is_refused()
    {
        var incident = Logged(at: Now);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.ConfirmArrival(ZhangpuOfficer, Now.AddMinutes(5).AddSeconds(1), Now));

        Assert.Equal("incident.arrival-time", error.Code);
        Assert.Null(incident.ArrivedOnSceneAtUtc);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void An_arrival_up_to_five_minutes_ahead_of_the_server_clock_is_accepted()
    {
        var incident = Logged(at: Now);
        _clock.Advance(TimeSpan.FromMinutes(10));

        incident.ConfirmArrival(ZhangpuOfficer, Now.AddMinutes(5), Now);

        Assert.Equal(Now.AddMinutes(5), incident.ArrivedOnSceneAtUtc);
    }

    [Fact]
    public void An_arrival_long_before_the_report_is_refused()
    {
        var incident = Logged(at: Now);

        var error = Assert.Throws<DomainException>(() => incident.ConfirmArrival(ZhangpuOfficer, Now.AddDays(-2).AddMinutes(-1), Now));

        Assert.Equal("incident.arrival-time", error.Code);
    }

    [Fact]
    public void A_second_confirmation_is_a_no_op()
    {
        var incident = Logged(at: Now);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var first = Now;
        incident.ConfirmArrival(ZhangpuOfficer, first, Now);
        var before = Snapshot.Of(incident);
        _clock.Advance(TimeSpan.FromMinutes(5));

        incident.ConfirmArrival(ZhangpuChair, Now, Now);

        Assert.Equal(before, Snapshot.Of(incident));
        Assert.Equal(first, incident.ArrivedOnSceneAtUtc);
        Assert.Equal(first, incident.Steps.Single(s => s.Kind == PlanStepKind.ArriveOnScene).CompletedAtUtc);
    }

    [Fact]
    public void Confirming_arrival_after_the_response_has_moved_on_keeps_the_stage()
    {
        var incident = InStage(Stage.Resolving);
        var at = ReportedAt.AddHours(3);

        incident.ConfirmArrival(ZhangpuOfficer, at, at);

        Assert.Equal(Stage.Resolving, incident.Stage);
        Assert.Equal(at, incident.ArrivedOnSceneAtUtc);
        Assert.DoesNotContain(incident.Timeline, e => e.Kind == TimelineKind.StageChanged && e.AtUtc == at);
    }

    [Theory]
    [InlineData("yushan-officer")]
    [InlineData("labor-liaison")]
    [InlineData("zhangpu-justice-liaison")]
    [InlineData("city-leader")]
    [InlineData("administrator")]
    public void Only_the_town_side_confirms_arrival(string who)
    {
        var incident = Logged(at: Now);
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.ConfirmArrival(Actors[who], Now, Now));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.Equal(before, Snapshot.Of(incident));
    }
}
