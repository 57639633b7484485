using Disputes.Web.Features.Incidents;
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
    IncidentCommands commands,
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

    /// <summary>
    /// Writes one level through the incident (its timeline entry) with the record and the ledger, in one transaction;
    /// then sends what leaves the app.
    /// </summary>
    /// <returns>False when another run wrote it first.</returns>
    private async Task<bool> WriteAsync(int incidentId, PlanStep? step, int level, DateTime? dueAtUtc, CancellationToken cancellationToken)
    {
        IReadOnlyList<NotificationDispatcher.Outgoing> outgoing = [];
        var wrote = false;
        try
        {
            await commands.WriteAsSystemAsync(incidentId, async (incident, context, ct) =>
            {
                wrote = false;
                if (await AlreadyWrittenAsync(context.Db, incidentId, step?.Id, level, ct))
                {
                    return;
                }

                var record = step is null
                    ? EscalationRecord.ForMajorIncident(incidentId, context.NowUtc)
                    : EscalationRecord.ForStep(incidentId, step.Id, level, dueAtUtc!.Value, context.NowUtc);
                context.Db.Escalations.Add(record);
                // The step as it stands in this transaction: its owner may have been reassigned since the trigger read it.
                var current = step is null ? null : incident.Steps.Single(s => s.Id == step.Id);
                var recipients = await RecipientsAsync(context.Db, level, current, incident, ct);
                incident.RecordEscalation(level, current, recipients.Select(r => r.DisplayName).ToList(), context.NowUtc);
                var notice = new EscalationNotice(incident.Number, level, step?.Kind, step?.Department, record.DueAtUtc);
                outgoing = dispatcher.Address(context.Db, record, notice, recipients, context.NowUtc);
                context.Notified = recipients.Select(r => r.UserId).ToList();
                wrote = true;
            }, cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // The unique index turned away a second writer: already escalated. Any other failure is a failure.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await AlreadyWrittenAsync(db, incidentId, step?.Id, level, cancellationToken))
            {
                throw;
            }

            logger.LogDebug(e, "Level {Level} of step {StepId} was escalated by another run", level, step?.Id);
            return false;
        }

        if (!wrote)
        {
            return false;
        }

        logger.LogInformation("Escalated incident {IncidentId} step {Step} to level {Level}", incidentId, step?.Id.ToString() ?? "MajorIncident", level);
        await dispatcher.SendAsync(outgoing, cancellationToken);
        return true;
    }

    private static Task<bool> AlreadyWrittenAsync(DisputesDbContext db, int incidentId, Guid? stepId, int level, CancellationToken cancellationToken) =>
        stepId is { } id
            ? db.Escalations.AnyAsync(e => e.StepId == id && e.Level == level, cancellationToken)
            : db.Escalations.AnyAsync(e => e.IncidentId == incidentId && e.StepId == null && e.Level == level, cancellationToken);

    /// <summary>
    /// Level 1: the step owner's role in its organisation and the town chair; 2: duty officers; 3: city leaders. Only
    /// those in the incident's audience are told.
    /// </summary>
    private static async Task<IReadOnlyList<Recipient>> RecipientsAsync(DisputesDbContext db, int level, PlanStep? step, Incident incident,
        CancellationToken cancellationToken)
    {
        IQueryable<AppUser> Having(string role, int? organisationId) =>
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where u.IsActive && r.Name == role && (organisationId == null || u.OrganisationId == organisationId)
            select u;

        var found = level switch
        {
            EscalationLadder.StepOwner when step is not null =>
                Having(step.OwnerRole, step.OwnerOrganisationId).Concat(Having(Roles.TownChair, incident.TownId)),
            EscalationLadder.DutyOfficer => Having(Roles.FederationDutyOfficer, null),
            _ => Having(Roles.CityLeader, null),
        };
        var ids = await found.Select(u => u.Id).Distinct().ToListAsync(cancellationToken);
        var audience = IncidentAudience.Of(incident);
        return (await db.ActorsAsync(ids, cancellationToken))
            .Where(a => audience.Includes(a.Actor))
            .Select(a => new Recipient(a.Actor.UserId, a.Email, a.Actor.Name))
            .ToList();
    }
}

public sealed record Recipient(string UserId, string? Email, string DisplayName);
