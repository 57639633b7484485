using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Escalation;

/// <summary>Steps the domain adds later — the next progress update, the follow-up visit after closure — are scheduled and escalate too.</summary>
public sealed class RecurringStepTests : IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public RecurringStepTests(DisputesAppFactory app)
    {
        _app = app;
        _ = app.Server;
    }

    [Fact]
    public async Task The_next_progress_update_gets_a_trigger_and_escalates_when_it_falls_due()
    {
        var number = await LogAsync(_app);
        var officer = await Actors.ForAsync(_app, "zp.officer");
        var service = _app.Services.GetRequiredService<IncidentCommands>();
        _app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.True((await service.SendAsync(officer, new AddProgressNote(number, "劳动监察已进场核实"))).Succeeded);
        var next = await _app.WithDbAsync(db => Task.FromResult(db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Steps)
            .Single(s => s.Kind == PlanStepKind.ProgressUpdate && s.Sequence == 2)));

        Assert.True(IsScheduled(next.Id));
        _app.Clock.SetUtcNow(next.DueAtUtc);
        await SweepAsync(_app);
        Assert.Equal(["zp.chair", "zp.officer"], await NotifiedAsync(_app, number, 1, next.Id));
    }

    [Fact]
    public async Task The_follow_up_visit_after_closure_gets_a_trigger_and_escalates_to_the_town_chair()
    {
        var number = await LogAsync(_app);
        var chair = await Actors.ForAsync(_app, "zp.chair");
        var service = _app.Services.GetRequiredService<IncidentCommands>();
        foreach (var action in new[] { IncidentAction.Respond, IncidentAction.BeginResolving, IncidentAction.Resolve })
        {
            Assert.True((await service.SendAsync(chair, new MoveStage(number, await _app.TokenOfAsync(number), action))).Succeeded);
        }

        var followUp = DateOnly.FromDateTime(ChinaTime.Now(_app.Clock)).AddDays(7);
        Assert.True((await service.SendAsync(chair, new CloseIncident(number, await _app.TokenOfAsync(number), "工资已全额支付", "无", "早发现早处置", Money.Zero, followUp))).Succeeded);
        var visit = await StepAsync(_app, number, PlanStepKind.FollowUpVisit);

        Assert.True(IsScheduled(visit.Id));
        _app.Clock.SetUtcNow(visit.DueAtUtc.AddMinutes(1));
        await SweepAsync(_app);
        Assert.Equal(["zp.chair"], await NotifiedAsync(_app, number, 1, visit.Id));
        // The steps closure cancelled stay quiet.
        Assert.DoesNotContain(await EscalationsAsync(_app, number), e => e.StepId != visit.Id && e.StepId != null);
    }

    /// <summary>A delayed Hangfire job for the step is waiting in this app's storage (resolved from DI, not the static).</summary>
    private bool IsScheduled(Guid stepId) =>
        _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)
            .Any(j => j.Value.Job.Args.OfType<Guid>().Contains(stepId));
}
