using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Incidents;

/// <summary>Each incident's entries are numbered 1, 2, 3 … without gaps or repeats, however many write at once.</summary>
public sealed class TimelineSequenceTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Twenty_concurrent_writers_on_one_incident_leave_a_gap_free_ordered_history()
    {
        var number = await LogAsync(app);
        var before = await EntriesAsync(number);
        var step = await StepAsync(app, number, PlanStepKind.ArriveOnScene);
        app.Clock.SetUtcNow(step.DueAtUtc.AddMinutes(1));
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var engine = app.Services.GetRequiredService<EscalationEngine>();
        var writers = new[] { "zp.officer", "zp.chair", "duty", "labor.liaison" };
        var actors = new Dictionary<string, Actor>();
        foreach (var user in writers)
        {
            actors[user] = await Actors.ForAsync(app, user);
        }

        // Seventeen users' notes, the step's escalation job twice (a retried job) and the sweep, all at once, while the
        // timers the first save set may fire in the background too.
        Assert.True((await commands.SendAsync(actors["zp.officer"], new EngageDepartments(number, [Domain.Organisations.DepartmentKind.LaborInspection]))).Succeeded);
        var notes = Enumerable.Range(1, 17).Select(n => Task.Run(async () =>
        {
            var result = await commands.SendAsync(actors[writers[n % writers.Length]], new AddProgressNote(number, $"第 {n} 条进展"));
            Assert.True(result.Succeeded, result.ErrorCode);
        }));
        var escalations = new[]
        {
            Task.Run(() => engine.EscalateStepAsync(step.Id)),
            Task.Run(() => engine.EscalateStepAsync(step.Id)),
            Task.Run(() => SweepAsync(app)),
        };
        await Task.WhenAll(notes.Concat(escalations));

        var entries = await EntriesAsync(number);
        Assert.Equal(Enumerable.Range(1, entries.Count), entries.Select(e => e.Sequence));
        Assert.Equal(entries.Count, await app.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.LastSequence).SingleAsync()));
        var added = entries.Skip(before.Count).ToList();
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"第 {n} 条进展").Order(),
            added.Select(e => e.Event).OfType<IncidentEvent.Note>().Select(n => n.Text).Order());
        Assert.Single(added, e => e.Event is IncidentEvent.Escalated { Level: 1, Step.Kind: PlanStepKind.ArriveOnScene });
        var escalated = added.Select(e => e.Event).OfType<IncidentEvent.Escalated>().ToList();
        Assert.Equal(escalated.Count, escalated.DistinctBy(e => (e.Step, e.Level)).Count());
        Assert.Single(added, e => e.Kind == TimelineKind.DepartmentEngaged);
        Assert.Equal(1 + 17 + escalated.Count, added.Count);
        Assert.True(added.Zip(added.Skip(1)).All(p => p.First.AtUtc <= p.Second.AtUtc), "Entries are in the order they were written.");
    }

    private Task<List<TimelineEntry>> EntriesAsync(string number) => app.WithDbAsync(db =>
        db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Timeline).OrderBy(t => t.Sequence).ToListAsync());
}
