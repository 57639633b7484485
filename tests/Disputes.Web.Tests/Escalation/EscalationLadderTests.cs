using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Escalation;

/// <summary>The ladder on the real app and database, time moved by the fake clock and the sweep run by hand.</summary>
public sealed class EscalationLadderTests : IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public EscalationLadderTests(DisputesAppFactory app)
    {
        _app = app;
        _ = app.Server;
    }

    [Fact]
    public async Task An_overdue_step_climbs_to_the_town_then_the_duty_officer_then_the_city_leaders_once_each()
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);

        _app.Clock.SetUtcNow(step.DueAtUtc.AddSeconds(-1));
        await SweepAsync(_app);
        Assert.Empty(await EscalationsAsync(_app, number));

        _app.Clock.SetUtcNow(step.DueAtUtc);
        await SweepAsync(_app);
        await SweepAsync(_app);
        Assert.Equal(["zp.chair", "zp.officer"], await NotifiedAsync(_app, number, 1, step.Id));

        _app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(30));
        await SweepAsync(_app);
        Assert.Equal(["duty"], await NotifiedAsync(_app, number, 2, step.Id));

        _app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(90));
        await SweepAsync(_app);
        await SweepAsync(_app);
        Assert.Equal(["leader"], await NotifiedAsync(_app, number, 3, step.Id));

        var escalations = (await EscalationsAsync(_app, number)).Where(e => e.StepId == step.Id).ToList();
        Assert.Equal([1, 2, 3], escalations.Select(e => e.Level));
        Assert.All(escalations, e => Assert.True(e.EscalatedAtUtc >= e.DueAtUtc));
        Assert.Equal(3, (await EscalationEntriesAsync(_app, number)).Count(t => t.Event is IncidentEvent.Escalated { Step.Kind: PlanStepKind.ArriveOnScene }));
    }

    [Fact]
    public async Task Completing_the_step_stops_what_is_still_to_come()
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);
        _app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(1));
        await SweepAsync(_app);

        var officer = await Actors.ForAsync(_app, "zp.officer");
        var result = await _app.Services.GetRequiredService<IncidentCommands>().SendAsync(officer,
            new Web.Features.Incidents.Commands.ConfirmArrival(number, _app.Clock.GetUtcNow().UtcDateTime));
        Assert.True(result.Succeeded);
        _app.Clock.SetUtcNow(step.DueAtUtc.AddHours(3));
        await SweepAsync(_app);

        Assert.Equal([1], (await EscalationsAsync(_app, number)).Where(e => e.StepId == step.Id).Select(e => e.Level));
    }

    [Fact]
    public async Task A_grade_II_incident_tells_the_city_leaders_as_soon_as_it_is_logged_and_only_once()
    {
        var number = await LogAsync(_app, workers: 150);

        var leaders = await EventuallyAsync(() => NotifiedAsync(_app, number, 3), n => n.Count > 0, TimeSpan.FromSeconds(10));
        await SweepAsync(_app);
        await SweepAsync(_app);

        Assert.Equal(["leader"], await NotifiedAsync(_app, number, 3));
        var alert = Assert.Single(await EscalationsAsync(_app, number));
        Assert.Equal(EscalationReason.MajorIncident, alert.Reason);
        var told = Assert.IsType<IncidentEvent.Escalated>(Assert.Single(await EscalationEntriesAsync(_app, number)).Event);
        Assert.Equal((3, null), (told.Level, told.Step));
        Assert.Equal(["孙立群"], told.Told);
        Assert.Equal(["leader"], leaders);
    }

    [Fact]
    public async Task The_database_refuses_a_second_escalation_of_the_same_step_and_level()
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.WrittenReport);
        var incidentId = await _app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync());
        var now = _app.Clock.GetUtcNow().UtcDateTime;

        await _app.WithDbAsync(db =>
        {
            db.Escalations.Add(EscalationRecord.ForStep(incidentId, step.Id, 1, now, now));
            return db.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => _app.WithDbAsync(db =>
        {
            db.Escalations.Add(EscalationRecord.ForStep(incidentId, step.Id, 1, now, now));
            return db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task The_notification_centre_counts_unread_and_marks_read()
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);
        var centre = _app.Services.GetRequiredService<NotificationCentre>();
        var chair = await Actors.ForAsync(_app, "zp.chair");
        var before = await centre.UnreadCountAsync(chair.UserId);

        _app.Clock.SetUtcNow(step.DueAtUtc.AddSeconds(1));
        await SweepAsync(_app);

        // Arriving on scene and the initial report are both due an hour after logging (grade IV).
        Assert.Equal(before + 2, await centre.UnreadCountAsync(chair.UserId));
        var mine = (await centre.ListAsync(chair.UserId)).Single(n => n.Notice.IncidentNumber == number && n.Notice.Kind == PlanStepKind.ArriveOnScene);
        Assert.Equal(1, mine.Notice.Level);
        await centre.MarkReadAsync(chair.UserId, mine.Id);
        await centre.MarkReadAsync(chair.UserId, mine.Id);
        Assert.Equal(before + 1, await centre.UnreadCountAsync(chair.UserId));

        // Someone else's notification is not theirs to mark.
        var officer = await Actors.ForAsync(_app, "zp.officer");
        var theirs = (await centre.ListAsync(officer.UserId)).First(n => n.Notice.IncidentNumber == number);
        await centre.MarkReadAsync(chair.UserId, theirs.Id);
        Assert.Null((await centre.ListAsync(officer.UserId)).Single(n => n.Id == theirs.Id).ReadAtUtc);
    }
}
