using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Escalation;

/// <summary>Incidents logged through the real service, and what the escalation engine wrote for them, read back from the database.</summary>
public static class EscalationScenario
{
    /// <summary>Zhangpu's officer logs a wage-arrears incident at 科家: 12 workers is grade IV, 150 grade II.</summary>
    public static async Task<string> LogAsync(DisputesAppFactory app, int workers = 12)
    {
        var service = app.Services.GetRequiredService<IncidentCommands>();
        var officer = await Actors.ForAsync(app, "zp.officer");
        var enterpriseId = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var result = await service.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, IncidentType.WageArrears, workers,
            Money.FromYuan(50_000m), 2, "厂区门口", AggravatingFacts.None, "职工反映欠薪", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    public static Task<PlanStep> StepAsync(DisputesAppFactory app, string number, PlanStepKind kind) => app.WithDbAsync(db =>
        db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Steps).SingleAsync(s => s.Kind == kind));

    public static Task<List<EscalationRecord>> EscalationsAsync(DisputesAppFactory app, string number) => app.WithDbAsync(db =>
        db.Escalations.AsNoTracking().Where(e => db.Incidents.Any(i => i.Id == e.IncidentId && i.Number == number))
            .OrderBy(e => e.Level).ToListAsync());

    /// <summary>The user names told of the incident's escalations at <paramref name="level"/>, one entry per ledger row.</summary>
    public static Task<List<string>> NotifiedAsync(DisputesAppFactory app, string number, int level, Guid? stepId = null) => app.WithDbAsync(db =>
        (from n in db.Notifications
         join e in db.Escalations on n.EscalationId equals e.Id
         join i in db.Incidents on e.IncidentId equals i.Id
         join u in db.Users on n.UserId equals u.Id
         where i.Number == number && e.Level == level && n.Channel == NotificationChannel.InApp && (stepId == null || e.StepId == stepId)
         orderby u.UserName
         select u.UserName!).ToListAsync());

    public static Task<List<TimelineEntry>> EscalationEntriesAsync(DisputesAppFactory app, string number) => app.WithDbAsync(db =>
        db.Incidents.AsNoTracking().Where(i => i.Number == number).SelectMany(i => i.Timeline)
            .Where(t => t.Kind == TimelineKind.Escalated).OrderBy(t => t.AtUtc).ToListAsync());

    /// <summary>What the minute sweep does, run now.</summary>
    public static async Task SweepAsync(DisputesAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalationJobs>().SweepAsync(CancellationToken.None);
    }

    /// <summary>Sets a step's due time in the database, as a re-plan would, and sets its trigger the way the service does after a save.</summary>
    public static async Task DueAtAsync(DisputesAppFactory app, Guid stepId, DateTime dueAtUtc)
    {
        await app.WithDbAsync(db => db.PlanSteps.Where(s => s.Id == stepId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAtUtc, dueAtUtc)));
        app.Services.GetRequiredService<EscalationScheduler>().Schedule(stepId, dueAtUtc);
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
