using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Features.Audit;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Realtime;
using System.Linq.Expressions;
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

/// <summary>
/// The one write path. Every change to an incident is a named command (<see cref="IncidentCommand"/>, one per command,
/// in its feature's folder) applied here: one short-lived DbContext per attempt, the audience rule on the read, the
/// aggregate's method, its events stored with the change in one transaction, then — after the commit, never before —
/// the escalation timers set and one live message derived from the events. A concurrent write to the same incident
/// (a user, an escalation job, the sweep) is retried on the new version, so entries stay numbered without gaps; a
/// command that overwrites fails as a conflict naming who changed the incident instead.
/// </summary>
public sealed class IncidentCommands(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, EscalationScheduler escalation,
    IncidentEvents events, AuditLog audit, ILogger<IncidentCommands> logger)
{
    /// <summary>Enough for every writer of a busy incident to get its turn.</summary>
    private const int MaxAttempts = 40;

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
        var who = await AuditWho.OfAsync(db, actor, cancellationToken);
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

            if (!TypedText.IsClean(entered.Name) || !TypedText.IsClean(entered.Address))
            {
                return CommandResult.Invalid(TypedText.CharactersError);
            }

            if (!Enum.IsDefined(entered.Ownership))
            {
                return CommandResult.Invalid("enterprise.ownership");
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
        // Last, so the audit head is held only for the commit.
        await audit.AppendAsync(db, AuditWho.ForIncident(incident, who), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        escalation.AfterSave(EscalationWatch.NewIncident, incident);
        logger.LogInformation("User {UserId} logged incident {Number}", actor.UserId, incident.Number);
        await events.PublishAsync(IncidentChange.Of(incident, incident.Raised)!);
        return CommandResult.Ok(incident.Number);
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

    /// <summary>Applies a user's command to an incident they may see.</summary>
    /// <remarks>A command with a <see cref="IncidentCommand.SubmissionId"/> already applied succeeds again without a change.</remarks>
    public Task<CommandResult> SendAsync(Actor actor, IncidentCommand command, CancellationToken cancellationToken = default) =>
        WriteAsync(actor, IncidentAudience.Filter(actor), command.Number, command.ExpectedToken, command.WithWorkers, command.SubmissionId,
            (incident, context, ct) => command.ApplyAsync(incident, actor, context, ct), cancellationToken);

    /// <summary>
    /// Why the actor may not take the action on the incident now (the command's own error code), or null when they may:
    /// asked before work the command would otherwise waste, such as an upload written to disk. The command checks again.
    /// </summary>
    public async Task<string?> RefusalAsync(Actor actor, string number, IncidentAction action, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.Where(IncidentAudience.Filter(actor)).Where(i => i.Number == number)
            .Include(i => i.Engagements).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (incident is null)
        {
            return CommandResult.NotFound.ErrorCode;
        }

        return IncidentPermissions.Can(actor, incident, action) ? null : "incident.not-allowed";
    }

    /// <summary>Whether a command with this submission id has been applied.</summary>
    public async Task<bool> WasAppliedAsync(Guid submissionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CommandReceipts.AnyAsync(r => r.SubmissionId == submissionId, cancellationToken);
    }

    /// <summary>A change the system makes by itself (an escalation), through the same path as a user's command.</summary>
    internal Task<CommandResult> WriteAsSystemAsync(int incidentId, Func<Incident, IncidentContext, CancellationToken, Task> change,
        CancellationToken cancellationToken = default) =>
        WriteAsync(null, i => i.Id == incidentId, null, null, false, null, change, cancellationToken);

    private async Task<CommandResult> WriteAsync(Actor? actor, Expression<Func<Incident, bool>> which, string? number, Guid? expectedToken, bool withWorkers,
        Guid? submissionId, Func<Incident, IncidentContext, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            IQueryable<Incident> query = db.Incidents.Where(which).Include(i => i.Steps).Include(i => i.Engagements);
            if (number is not null)
            {
                query = query.Where(i => i.Number == number);
            }

            var incident = await (withWorkers ? query.Include(i => i.Workers).ThenInclude(w => w.Recoveries) : query)
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken);
            if (incident is null)
            {
                return CommandResult.NotFound;
            }

            // After the audience check: someone who may not see the incident learns nothing from a known submission id.
            if (submissionId is { } submitted && await db.CommandReceipts.AnyAsync(r => r.SubmissionId == submitted, cancellationToken))
            {
                return CommandResult.Ok(incident.Number);
            }

            if (expectedToken is { } token && token != incident.ConcurrencyToken)
            {
                return CommandResult.Conflict(incident.LastChangedBy, incident.LastChangedAtUtc);
            }

            var before = EscalationWatch.Of(incident);
            var loadedSequence = incident.LastSequence;
            var context = new IncidentContext(db, await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken), clock.GetUtcNow().UtcDateTime);
            var who = actor is null ? null : await AuditWho.OfAsync(db, actor, cancellationToken);
            try
            {
                await change(incident, context, cancellationToken);
                if (submissionId is { } receipt)
                {
                    db.CommandReceipts.Add(new CommandReceipt { SubmissionId = receipt, IncidentId = incident.Id, AtUtc = context.NowUtc });
                }

                // The change, its history and its audit entries commit together. The transaction opens only now: the reads
                // above take no lock (SQLite's BEGIN IMMEDIATE would queue every writer behind them), and the audit head
                // is taken last, so appends from the whole city wait for one commit at most.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await audit.AppendAsync(db, AuditWho.ForIncident(incident, who), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DomainException e)
            {
                return CommandResult.Invalid(e.Code);
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                if (!await WrittenSinceAsync(incident.Id, loadedSequence, cancellationToken)
                    && !(submissionId is { } duplicate && await WasAppliedAsync(duplicate, cancellationToken)))
                {
                    throw;
                }

                // Another writer got this incident first (its sequence moved on), or the same submission arrived twice at
                // once: apply the command again to the new version, where the receipt answers for a duplicate.
                logger.LogDebug(e, "Incident {Id} changed under attempt {Attempt}; retrying", incident.Id, attempt);
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                continue;
            }

            escalation.AfterSave(before, incident);
            if (IncidentChange.Of(incident, incident.Raised, context.Notified) is { } happened)
            {
                await events.PublishAsync(happened);
            }

            incident.ClearRaised();
            return CommandResult.Ok(incident.Number, context.Count);
        }
    }

    private async Task<bool> WrittenSinceAsync(int incidentId, int loadedSequence, CancellationToken cancellationToken)
    {
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await fresh.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.LastSequence).SingleAsync(cancellationToken) != loadedSequence;
    }
}
