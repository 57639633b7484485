using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents;

/// <summary>A new enterprise entered on the log form, its credit code checked.</summary>
public sealed record NewEnterprise(string Name, string CreditCode, string Address, Ownership Ownership);

public sealed record LogIncidentCommand(
    Guid SubmissionId,
    int? EnterpriseId,
    NewEnterprise? NewEnterprise,
    IncidentType Type,
    int WorkersInvolved,
    Money WagesOwed,
    int MonthsInArrears,
    string Location,
    AggravatingFacts Facts,
    string Description,
    GradeOverride? GradeOverride,
    bool EngageRequiredDepartments = false);

/// <summary>What a command did. A conflict names who changed the incident and when, for "changed by X at T — reload".</summary>
public sealed record CommandResult(bool Succeeded, string? ErrorCode = null, string? Number = null, string? ConflictBy = null, DateTime? ConflictAtUtc = null)
{
    public static readonly CommandResult NotFound = new(false, "incident.not-found");

    public bool IsConflict => ConflictBy is not null;

    public static CommandResult Ok(string number) => new(true, Number: number);

    public static CommandResult Invalid(string code) => new(false, code);

    public static CommandResult Conflict(string by, DateTime atUtc) => new(false, "incident.conflict", ConflictBy: by, ConflictAtUtc: atUtc);
}

/// <summary>
/// Every change to an incident goes through here: one short-lived DbContext per command, visibility checked,
/// domain rules applied, and optimistic concurrency turned into a message the user can act on.
/// </summary>
public sealed class IncidentService(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, EscalationScheduler escalation,
    IncidentEvents events, ILogger<IncidentService> logger)
{
    /// <summary>Logs an incident with the next number of its town and year. Resubmitting the same draft returns the first incident.</summary>
    public async Task<CommandResult> LogAsync(Actor actor, LogIncidentCommand command, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryLogAsync(actor, command, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 5)
            {
                // Two first incidents of a town and year raced to create its counter, or the same draft arrived twice.
                logger.LogInformation(e, "Retrying incident log for submission {SubmissionId}", command.SubmissionId);
            }
        }
    }

    private async Task<CommandResult> TryLogAsync(Actor actor, LogIncidentCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Incidents.Where(i => i.SubmissionId == command.SubmissionId).Select(i => i.Number).FirstOrDefaultAsync(cancellationToken) is { } already)
        {
            return CommandResult.Ok(already);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        Enterprise? enterprise;
        if (command.EnterpriseId is { } enterpriseId)
        {
            enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == enterpriseId, cancellationToken);
        }
        else if (command.NewEnterprise is { } entered)
        {
            if (!CreditCode.TryParse(entered.CreditCode, out var code, out var codeError))
            {
                return CommandResult.Invalid(codeError!);
            }

            if (string.IsNullOrWhiteSpace(entered.Name) || entered.Name.Trim().Length > Enterprise.NameMaxLength)
            {
                return CommandResult.Invalid("enterprise.name");
            }

            if ((entered.Address ?? string.Empty).Length > Enterprise.TextMaxLength)
            {
                return CommandResult.Invalid("incident.location-length");
            }

            enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == code, cancellationToken);
            if (enterprise is null)
            {
                if (actor.TownId is not { } actorTown)
                {
                    return CommandResult.Invalid("incident.enterprise-required");
                }

                enterprise = new Enterprise(entered.Name.Trim(), code, actorTown, (entered.Address ?? string.Empty).Trim(), string.Empty,
                    entered.Ownership, 0, string.Empty, string.Empty);
                db.Enterprises.Add(enterprise);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        else
        {
            return CommandResult.Invalid("incident.enterprise-required");
        }

        if (enterprise is null)
        {
            return CommandResult.Invalid("incident.enterprise-required");
        }

        // The enterprise's town owns the response; a town officer logs for their own town only.
        var townId = enterprise.TownId;
        if (actor.IsTownUser && actor.TownId != townId && !actor.IsIn(Roles.FederationDutyOfficer))
        {
            return CommandResult.Invalid("incident.other-town");
        }

        var report = new IncidentReport(enterprise.Id, enterprise.Ownership, command.Type, command.WorkersInvolved, command.WagesOwed,
            command.MonthsInArrears, command.Location, command.Facts, command.Description, command.GradeOverride);
        if (report.Problems() is { Count: > 0 } problems)
        {
            return CommandResult.Invalid(problems[0]);
        }

        var townCode = await db.Organisations.Where(o => o.Id == townId).Select(o => o.Code).SingleAsync(cancellationToken);
        var year = ChinaTime.FromUtc(now).Year;
        var sequence = await NextSequenceAsync(db, townId, year, cancellationToken);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);

        Incident incident;
        try
        {
            incident = Incident.Log(new IncidentNumber(townCode, year, sequence), townId, report, actor, playbook, now, command.SubmissionId);
        }
        catch (DomainException e)
        {
            return CommandResult.Invalid(e.Code);
        }

        if (command.EngageRequiredDepartments)
        {
            // The officer on site may draw the plan's departments in at once rather than within the engage timer.
            foreach (var department in playbook.RequiredFor(command.Type))
            {
                incident.EngageDepartment(actor, department, await IncidentContext.OfficeForAsync(db, department, townId, cancellationToken), playbook, now);
            }
        }

        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        escalation.AfterSave(EscalationWatch.NewIncident, incident);
        logger.LogInformation("{Actor} logged incident {Number}", actor.Name, incident.Number);
        await events.PublishAsync(new IncidentChange(incident.Number, IncidentChangeKind.Logged, townId,
            incident.Engagements.Select(e => e.OrganisationId).ToList(), incident.Engagements.Select(e => e.Department).ToList(), actor.Name, now));
        return CommandResult.Ok(incident.Number);
    }

    /// <summary>One command may write several timeline lines; listeners hear the one that matters most.</summary>
    private static IncidentChangeKind MostTelling(IReadOnlyList<TimelineKind> kinds)
    {
        IncidentChangeKind[] order =
        [
            IncidentChangeKind.Logged, IncidentChangeKind.StageChanged, IncidentChangeKind.Escalated, IncidentChangeKind.Acknowledged,
            IncidentChangeKind.StepCompleted, IncidentChangeKind.Attachment, IncidentChangeKind.Note, IncidentChangeKind.Updated,
        ];
        var happened = kinds.Select(IncidentChange.KindOf).ToHashSet();
        return order.First(happened.Contains);
    }

    /// <summary>
    /// Takes the next number inside the caller's transaction. The UPDATE comes first so that it holds the
    /// counter's row lock (SQL Server) or the write lock (SQLite) until commit: concurrent logs queue here.
    /// </summary>
    private static async Task<int> NextSequenceAsync(DisputesDbContext db, int townId, int year, CancellationToken cancellationToken)
    {
        var updated = await db.IncidentNumberCounters.Where(c => c.TownId == townId && c.Year == year)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Last, x => x.Last + 1), cancellationToken);
        if (updated == 0)
        {
            db.IncidentNumberCounters.Add(new IncidentNumberCounter { TownId = townId, Year = year, Last = 1 });
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }

        return await db.IncidentNumberCounters.Where(c => c.TownId == townId && c.Year == year).Select(c => c.Last).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Applies a change. <paramref name="expectedToken"/> is the version the user was looking at: for changes that
    /// overwrite (details, grade, stage) a newer version on the server is a conflict, reported with who and when.
    /// Appends (notes, acknowledgements, attachments) pass null and are never refused for someone else's change.
    /// </summary>
    /// <param name="withWorkers">Loads the roster too, for roster changes; other changes do without it.</param>
    public async Task<CommandResult> ExecuteAsync(Actor actor, string number, Guid? expectedToken,
        Action<Incident, IncidentContext> change, CancellationToken cancellationToken = default, bool withWorkers = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            IQueryable<Incident> query = db.Incidents.VisibleTo(actor).Include(i => i.Steps).Include(i => i.Engagements);
            var incident = await (withWorkers ? query.Include(i => i.Workers).ThenInclude(w => w.Recoveries) : query)
                .AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Number == number, cancellationToken);
            if (incident is null)
            {
                return CommandResult.NotFound;
            }

            if (expectedToken is { } token && token != incident.ConcurrencyToken)
            {
                return CommandResult.Conflict(incident.LastChangedBy, incident.LastChangedAtUtc);
            }

            var before = EscalationWatch.Of(incident);
            var context = new IncidentContext(db, await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken), clock.GetUtcNow().UtcDateTime);
            try
            {
                change(incident, context);
                await context.ResolvePendingAsync(incident, cancellationToken);
                var happened = db.ChangeTracker.Entries<TimelineEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Kind).ToList();
                await db.SaveChangesAsync(cancellationToken);
                escalation.AfterSave(before, incident);
                if (happened.Count > 0)
                {
                    // After the commit, never before: a change that failed to save is never announced.
                    await events.PublishAsync(new IncidentChange(incident.Number, MostTelling(happened), incident.TownId,
                        incident.Engagements.Select(e => e.OrganisationId).Distinct().ToList(),
                        incident.Engagements.Select(e => e.Department).Distinct().ToList(), actor.Name, context.NowUtc));
                }

                return CommandResult.Ok(incident.Number);
            }
            catch (DomainException e)
            {
                return CommandResult.Invalid(e.Code);
            }
            catch (DbUpdateConcurrencyException) when (expectedToken is null && attempt < 3)
            {
                // Someone else saved between our read and our write; an append is safe to redo on the new version.
            }
            catch (DbUpdateConcurrencyException)
            {
                await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
                var latest = await fresh.Incidents.AsNoTracking().Where(i => i.Number == number)
                    .Select(i => new { i.LastChangedBy, i.LastChangedAtUtc }).SingleAsync(cancellationToken);
                return CommandResult.Conflict(latest.LastChangedBy, latest.LastChangedAtUtc);
            }
        }
    }
}

/// <summary>What a change may need besides the incident: the playbook, the clock, and offices to engage.</summary>
public sealed class IncidentContext(DisputesDbContext db, Playbook playbook, DateTime nowUtc)
{
    private readonly List<DepartmentKind> _toEngage = [];
    private Actor? _actor;

    public Playbook Playbook { get; } = playbook;

    public DateTime NowUtc { get; } = nowUtc;

    internal DisputesDbContext Db { get; } = db;

    /// <summary>Engaging needs the department's office for the incident's town, which comes from the database after the change callback.</summary>
    public void Engage(Actor actor, params DepartmentKind[] departments)
    {
        _actor = actor;
        _toEngage.AddRange(departments);
    }

    /// <summary>The office that answers for a department in a town: its branch there, else the city department.</summary>
    internal static async Task<int> OfficeForAsync(DisputesDbContext db, DepartmentKind department, int townId, CancellationToken cancellationToken)
    {
        var offices = await db.Organisations.AsNoTracking()
            .Where(o => o.Department == department && (o.Kind == OrganisationKind.Department || (o.Kind == OrganisationKind.DepartmentBranch && o.TownId == townId)))
            .Select(o => new { o.Id, o.Kind })
            .ToListAsync(cancellationToken);
        return (offices.FirstOrDefault(o => o.Kind == OrganisationKind.DepartmentBranch) ?? offices.First()).Id;
    }

    internal async Task ResolvePendingAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (_toEngage.Count == 0 || _actor is null)
        {
            return;
        }

        foreach (var department in _toEngage.Distinct())
        {
            incident.EngageDepartment(_actor, department, await OfficeForAsync(Db, department, incident.TownId, cancellationToken), Playbook, NowUtc);
        }
    }
}
