using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Disputes.EndToEnd;

/// <summary>
/// The database, not Hangfire's in-memory store, holds the timers: 20 steps fall due while the app that scheduled
/// them lies dead (SIGKILL), and the next start escalates each of them exactly once.
/// </summary>
public sealed class EscalationRestartTests
{
    private const int Steps = 20;

    private sealed record Escalated(Guid StepId, DateTime DueAtUtc, DateTime EscalatedAtUtc);

    [Fact]
    public async Task Steps_that_fall_due_across_a_crash_escalate_once_each_after_the_restart()
    {
        // A first start creates and seeds the database.
        await using var seeding = await AppProcess.StartAsync();
        await seeding.KillAsync();
        var directory = seeding.Directory;
        var databasePath = seeding.DatabasePath;

        var firstDue = DateTime.UtcNow.AddSeconds(40);
        var steps = await AddStepsDueAsync(databasePath, firstDue);

        // This one schedules them at startup, then dies before any falls due.
        await using (var doomed = await AppProcess.StartAsync(directory))
        {
            Assert.True(DateTime.UtcNow < firstDue.AddSeconds(-3), "The app took too long to start for the test to kill it before the due times.");
            await doomed.KillAsync();
        }

        await using var app = await AppProcess.StartAsync(directory);
        var lastDue = steps.Values.Max();
        var deadline = lastDue.AddSeconds(30);
        List<Escalated> escalations;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            escalations = await ReadAsync(databasePath, db => db.Escalations.AsNoTracking().Where(e => e.Level == 1 && e.StepId != null)
                .Select(e => new Escalated(e.StepId!.Value, e.DueAtUtc, e.EscalatedAtUtc)).ToListAsync());
        }
        while (escalations.Count(e => steps.ContainsKey(e.StepId)) < Steps && DateTime.UtcNow < deadline);

        // Settle: a late duplicate would show up now.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var timeline = (await ReadAsync(databasePath, db => db.TimelineEntries.AsNoTracking()
            .Where(t => t.Kind == TimelineKind.Escalated).Select(t => t.Payload).ToListAsync()))
            .Count(p => IncidentEvent.FromJson(p) is IncidentEvent.Escalated { Level: 1, Step.Kind: PlanStepKind.ArriveOnScene });
        var mine = escalations.Where(e => steps.ContainsKey(e.StepId)).ToList();
        Assert.True(mine.Count == Steps, $"{mine.Count} of {Steps} escalated.\n{app.Output}");
        Assert.Equal(Steps, mine.Select(e => e.StepId).Distinct().Count());
        Assert.All(mine, e => Assert.True(e.EscalatedAtUtc >= steps[e.StepId], $"{e.StepId} escalated early"));

        // On time, not a minute late: the restart rebuilt the timers from the database rather than leaving it to the sweep.
        Assert.All(mine, e => Assert.True(e.EscalatedAtUtc - steps[e.StepId] < TimeSpan.FromSeconds(5), $"{e.StepId} escalated late"));
        Assert.Equal(Steps, timeline);
    }

    /// <summary>20 grade IV incidents logged by the duty officer, their arrival due half a second apart from <paramref name="firstDue"/>.</summary>
    private static async Task<Dictionary<Guid, DateTime>> AddStepsDueAsync(string databasePath, DateTime firstDue)
    {
        return await ReadAsync(databasePath, async db =>
        {
            var actor = await db.ForUserNameAsync("duty");
            var playbook = await db.Playbooks.AsNoTracking().SingleAsync();
            var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Name == "昆山科家塑胶有限公司");
            var now = DateTime.UtcNow;
            var incidents = Enumerable.Range(1, Steps).Select(i => Incident.Log(new IncidentNumber("ZP", 2099, 900 + i), enterprise.TownId,
                new IncidentReport(enterprise.Id, enterprise.Ownership, IncidentType.WageArrears, 12, Money.FromYuan(50_000m), 2, "厂区门口",
                    AggravatingFacts.None, "职工反映欠薪"), actor, playbook, now)).ToList();
            db.Incidents.AddRange(incidents);
            await db.SaveChangesAsync();

            var due = new Dictionary<Guid, DateTime>();
            foreach (var (incident, i) in incidents.Select((incident, i) => (incident, i)))
            {
                var step = incident.OpenStep(PlanStepKind.ArriveOnScene)!;
                var at = firstDue.AddMilliseconds(500 * i);
                await db.PlanSteps.Where(s => s.Id == step.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAtUtc, at));
                due[step.Id] = at;
            }

            return due;
        });
    }

    private static async Task<T> ReadAsync<T>(string databasePath, Func<DisputesDbContext, Task<T>> read)
    {
        var options = DevelopmentDatabase.Options(databasePath);
        await using var db = new DisputesDbContext(options);
        try
        {
            return await read(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
