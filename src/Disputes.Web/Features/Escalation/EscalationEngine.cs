using Disputes.Web.Realtime;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Escalation;

/// <param name="Escalated">The levels this run wrote.</param>
/// <param name="NextDueAtUtc">When the next level that has not fired falls due; null when the step is no longer watched.</param>
/// <param name="Early">Nothing was due yet: the trigger came before its time (Hangfire rounds to whole seconds).</param>
public sealed record EscalationOutcome(IReadOnlyList<int> Escalated, DateTime? NextDueAtUtc, bool Early)
{
    public static readonly EscalationOutcome Nothing = new([], null, false);
}

/// <summary>
/// Climbs the ladder for one step. The database holds the state: the step's due time and the levels already written.
/// Every run re-reads both, compares with the clock and writes only what is due, so a trigger may come early, late or
/// twice — the unique index on (step, level) lets one writer through and the others find it already escalated.
/// </summary>
public sealed class EscalationEngine(
    IDbContextFactory<DisputesDbContext> dbFactory,
    TimeProvider clock,
    NotificationDispatcher dispatcher,
    IncidentEvents events,
    ILogger<EscalationEngine> logger)
{
    public async Task<EscalationOutcome> EscalateStepAsync(Guid stepId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.PlanSteps.AsNoTracking().Where(s => s.Id == stepId)
            .Select(s => new { Step = s, IncidentId = EF.Property<int>(s, "IncidentId") })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return EscalationOutcome.Nothing;
        }

        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        var escalated = (await db.Escalations.Where(e => e.StepId == stepId).Select(e => e.Level).ToListAsync(cancellationToken)).ToHashSet();
        var due = EscalationLadder.DueLevels(found.Step, escalated, playbook, clock.GetUtcNow().UtcDateTime);
        var written = new List<int>();
        foreach (var level in due)
        {
            if (await WriteAsync(found.IncidentId, found.Step, level, EscalationLadder.DueAt(found.Step, level, playbook), cancellationToken))
            {
                written.Add(level);
            }

            escalated.Add(level);
        }

        return new EscalationOutcome(written, EscalationLadder.NextDueAt(found.Step, escalated, playbook), due.Count == 0);
    }

    /// <summary>Tells the city leaders of a grade I–II incident, once per incident.</summary>
    /// <returns>True when this call wrote the alert.</returns>
    public async Task<bool> AlertMajorIncidentAsync(int incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
            .Select(i => new { i.Grade, i.Stage }).SingleOrDefaultAsync(cancellationToken);
        if (incident is null || !EscalationLadder.AlertsCityLeaders(incident.Grade) || !incident.Stage.IsOpen()
            || await db.Escalations.AnyAsync(e => e.IncidentId == incidentId && e.StepId == null, cancellationToken))
        {
            return false;
        }

        return await WriteAsync(incidentId, null, EscalationLadder.CityLeaders, null, cancellationToken);
    }

    /// <summary>The steps with a level due now and not written, and the major incidents whose leaders were not told.</summary>
    public async Task<(IReadOnlyList<Guid> Steps, IReadOnlyList<int> MajorIncidents)> FindMissedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        var candidates = await db.PlanSteps.AsNoTracking()
            .Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null && s.DueAtUtc <= now)
            .Select(s => new { s.Id, s.DueAtUtc, Levels = db.Escalations.Where(e => e.StepId == s.Id).Select(e => e.Level).ToList() })
            .Where(s => s.Levels.Count < EscalationLadder.Levels.Count)
            .ToListAsync(cancellationToken);
        var steps = candidates
            .Where(c => EscalationLadder.Levels.Any(l => !c.Levels.Contains(l) && now >= EscalationLadder.DueAt(c.DueAtUtc, l, playbook)))
            .Select(c => c.Id)
            .ToList();
        var major = await db.Incidents.AsNoTracking()
            .Where(i => (i.Grade == SeverityGrade.I || i.Grade == SeverityGrade.II) && i.Stage != Stage.Closed && i.Stage != Stage.Cancelled)
            .Where(i => !db.Escalations.Any(e => e.IncidentId == i.Id && e.StepId == null))
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        return (steps, major);
    }

    /// <summary>Every watched step and when its next level falls due: what the timers must be after a restart.</summary>
    public async Task<IReadOnlyList<(Guid StepId, DateTime DueAtUtc)>> WatchedStepsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        var open = await db.PlanSteps.AsNoTracking()
            .Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null)
            .Select(s => new { s.Id, s.DueAtUtc, Levels = db.Escalations.Where(e => e.StepId == s.Id).Select(e => e.Level).ToList() })
            .ToListAsync(cancellationToken);
        return open
            .Select(s => (s.Id, Level: EscalationLadder.Levels.FirstOrDefault(l => !s.Levels.Contains(l)), s.DueAtUtc))
            .Where(s => s.Level != 0)
            .Select(s => (s.Id, EscalationLadder.DueAt(s.DueAtUtc, s.Level, playbook)))
            .ToList();
    }

    /// <summary>Writes one level: the record, the timeline entry and the ledger, in one save; then sends what leaves the app.</summary>
    /// <returns>False when another run wrote it first.</returns>
    private async Task<bool> WriteAsync(int incidentId, PlanStep? step, int level, DateTime? dueAtUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.Where(i => i.Id == incidentId).Select(i => new { i.TownId, i.Number }).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = step is null
            ? EscalationRecord.ForMajorIncident(incidentId, now)
            : EscalationRecord.ForStep(incidentId, step.Id, level, dueAtUtc!.Value, now);
        db.Escalations.Add(record);
        var entry = TimelineEntry.Escalated(level, step?.Label ?? nameof(EscalationReason.MajorIncident), now);
        db.TimelineEntries.Add(entry);
        db.Entry(entry).Property("IncidentId").CurrentValue = incidentId;
        var recipients = await RecipientsAsync(db, level, step, incident.TownId, cancellationToken);
        var notice = new EscalationNotice(incident.Number, level, step?.Kind, step?.Department, record.DueAtUtc);
        var outgoing = dispatcher.Address(db, record, notice, recipients, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // The unique index turned away a second writer: already escalated. Any other failure is a failure.
            if (!await AlreadyWrittenAsync(incidentId, step?.Id, level, cancellationToken))
            {
                throw;
            }

            logger.LogDebug(e, "Level {Level} of step {StepId} was escalated by another run", level, step?.Id);
            return false;
        }

        logger.LogInformation("Escalated incident {IncidentId} step {Step} to level {Level}, {Count} recipients",
            incidentId, step?.Label ?? "MajorIncident", level, recipients.Count);
        var engaged = await db.Engagements.AsNoTracking().Where(e => EF.Property<int>(e, "IncidentId") == incidentId)
            .Select(e => new { e.OrganisationId, e.Department }).ToListAsync(cancellationToken);
        await events.PublishAsync(new IncidentChange(incident.Number, IncidentChangeKind.Escalated, incident.TownId,
            engaged.Select(e => e.OrganisationId).Distinct().ToList(), engaged.Select(e => e.Department).Distinct().ToList(),
            "system", now, recipients.Select(r => r.UserId).ToList()));
        await dispatcher.SendAsync(outgoing, cancellationToken);
        return true;
    }

    private async Task<bool> AlreadyWrittenAsync(int incidentId, Guid? stepId, int level, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return stepId is { } id
            ? await db.Escalations.AnyAsync(e => e.StepId == id && e.Level == level, cancellationToken)
            : await db.Escalations.AnyAsync(e => e.IncidentId == incidentId && e.StepId == null && e.Level == level, cancellationToken);
    }

    /// <summary>Level 1: the step owner's role in its organisation and the town chair; 2: duty officers; 3: city leaders.</summary>
    private static async Task<IReadOnlyList<Recipient>> RecipientsAsync(DisputesDbContext db, int level, PlanStep? step, int townId,
        CancellationToken cancellationToken)
    {
        IQueryable<Recipient> Having(string role, int? organisationId) =>
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.IsActive && r.Name == role && (organisationId == null || u.OrganisationId == organisationId)
            select new Recipient(u.Id, u.Email, u.DisplayName);

        var found = level switch
        {
            EscalationLadder.StepOwner when step is not null =>
                (await Having(step.OwnerRole, step.OwnerOrganisationId).ToListAsync(cancellationToken))
                    .Concat(await Having(Roles.TownChair, townId).ToListAsync(cancellationToken)),
            EscalationLadder.DutyOfficer => await Having(Roles.FederationDutyOfficer, null).ToListAsync(cancellationToken),
            _ => await Having(Roles.CityLeader, null).ToListAsync(cancellationToken),
        };
        return found.DistinctBy(r => r.UserId).ToList();
    }
}

public sealed record Recipient(string UserId, string? Email, string DisplayName);
