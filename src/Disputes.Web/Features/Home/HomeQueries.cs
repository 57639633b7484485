using Disputes.Data;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Home;

/// <summary>The first items of a list and how many it holds in all.</summary>
public sealed record Listing<T>(IReadOnlyList<T> Items, int Total)
{
    public int More => Total - Items.Count;
}

public sealed record OfficeName(string Name, string NameEn)
{
    public string In(bool chinese) => chinese ? Name : NameEn;
}

/// <param name="OwnerRole">The role within <paramref name="Owner"/> that answers for the step.</param>
/// <param name="OwnOrganisation">Owned by the reader's organisation.</param>
/// <param name="Mine">Owned by the reader's organisation and one of their roles.</param>
/// <param name="Overdue">Overdue when read (<see cref="IncidentQueries.OverdueAt"/>).</param>
public sealed record WorkStep(PlanStepKind Kind, DepartmentKind? Department, int Sequence, OfficeName Owner, string OwnerRole, bool OwnOrganisation, bool Mine,
    DateTime DueAtUtc, bool Overdue, int EscalationLevel);

/// <summary>A town's open incident: its overdue steps and the next step falling due.</summary>
public sealed record TownIncident(string Number, string Enterprise, SeverityGrade Grade, Stage Stage, IReadOnlyList<WorkStep> Overdue, WorkStep? Next);

/// <summary>An engagement waiting for its 签收, with the due time of the acknowledgement step.</summary>
public sealed record AwaitingAcknowledgement(string Number, string Enterprise, DepartmentKind Department, OfficeName Office, DateTime EngagedAtUtc,
    DateTime? DueAtUtc, int EscalationLevel);

/// <summary>A department's task not done; <see cref="Key"/> names a standard task, <see cref="Text"/> a custom one.</summary>
public sealed record OpenTask(string Number, string Enterprise, DepartmentKind Department, string? Key, string? Text, DateTime? DueAtUtc, int EscalationLevel);

public sealed record LiaisonWork(Listing<AwaitingAcknowledgement> Awaiting, Listing<OpenTask> Tasks);

public sealed record OverdueStep(string Number, WorkStep Step);

public sealed record UnreadEscalation(DateTime CreatedAtUtc, EscalationNotice Notice);

public sealed record DutyWork(Listing<OverdueStep> Overdue, Listing<UnreadEscalation> Unread);

/// <summary>
/// What each role's first screen lists: one method per section. Every query starts from the audience rule
/// (<see cref="IncidentQueries.VisibleTo"/>) and runs in the database; only a section's first <see cref="Limit"/> rows
/// (and, for a town, those incidents' open steps) are read.
/// </summary>
public sealed class HomeQueries(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    public const int Limit = 20;

    private const string IncidentId = nameof(IncidentId);

    /// <summary>
    /// The town's open incidents, those with overdue steps first, then by the earliest due step. Each carries its
    /// overdue steps and its next step, the reader's own first (owned by their organisation and role), then by due time.
    /// </summary>
    public async Task<Listing<TownIncident>> TownAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var overdue = db.PlanSteps.OverdueAt(Now);
        var watched = Watched(db);
        var town = Open(db, actor).Where(i => i.TownId == actor.TownId);
        var total = await town.CountAsync(cancellationToken);
        var incidents = await (from i in town
                               join e in db.Enterprises on i.EnterpriseId equals e.Id
                               let firstDue = watched.Where(s => EF.Property<int>(s, IncidentId) == i.Id).Min(s => (DateTime?)s.DueAtUtc)
                               orderby overdue.Any(s => EF.Property<int>(s, IncidentId) == i.Id) descending, firstDue == null, firstDue,
                                   i.ReportedAtUtc descending
                               select new { i.Id, i.Number, Enterprise = e.Name, i.Grade, i.Stage })
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var ids = incidents.Select(i => i.Id).ToList();
        var steps = (await Steps(db, actor, town.Where(i => ids.Contains(i.Id)), watched).ToListAsync(cancellationToken))
            .OrderBy(s => s.Mine ? 0 : 1).ThenBy(s => s.DueAtUtc).ThenBy(s => s.Kind).ThenBy(s => s.Department)
            .ToLookup(s => s.IncidentId, s => s.Step);
        return new Listing<TownIncident>(incidents.Select(i => new TownIncident(i.Number, i.Enterprise, i.Grade, i.Stage,
            steps[i.Id].Where(s => s.Overdue).ToList(), steps[i.Id].FirstOrDefault(s => !s.Overdue))).ToList(), total);
    }

    /// <summary>
    /// The engagements of the liaison's office (a city department's liaison: of their department anywhere) on open
    /// incidents: those not yet acknowledged, soonest due first; and their tasks not done, timed ones first by due time.
    /// </summary>
    public async Task<LiaisonWork> LiaisonAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var escalations = db.EscalationsOfWatchedSteps();
        var mine = Mine(db, actor);
        var engaged = from i in Open(db, actor)
                      join e in mine on i.Id equals EF.Property<int>(e, IncidentId)
                      join en in db.Enterprises on i.EnterpriseId equals en.Id
                      select new { Incident = i, Engagement = e, Enterprise = en.Name };

        var waiting = from x in engaged
                      where x.Engagement.AcknowledgedAtUtc == null
                      join o in db.Organisations on x.Engagement.OrganisationId equals o.Id
                      let ack = x.Incident.Steps.Where(s => s.Kind == PlanStepKind.DepartmentAcknowledges && s.Department == x.Engagement.Department
                          && s.CompletedAtUtc == null && s.CancelledAtUtc == null)
                      let due = ack.Min(s => (DateTime?)s.DueAtUtc)
                      orderby due == null, due, x.Engagement.EngagedAtUtc
                      select new AwaitingAcknowledgement(x.Incident.Number, x.Enterprise, x.Engagement.Department, new OfficeName(o.Name, o.NameEn),
                          x.Engagement.EngagedAtUtc, due, escalations.Where(r => ack.Any(s => s.Id == r.StepId)).Max(r => (int?)r.Level) ?? 0);
        var awaiting = new Listing<AwaitingAcknowledgement>(await waiting.Take(Limit).ToListAsync(cancellationToken),
            await waiting.CountAsync(cancellationToken));

        // An engagement keeps its few tasks in one JSON column: read whole and picked here, as a filter inside it needs an APPLY,
        // which SQLite lacks.
        var tasks = (await engaged.Select(x => new { x.Incident.Number, x.Enterprise, x.Engagement.Department, x.Engagement.EngagedAtUtc, x.Engagement.Tasks })
                .ToListAsync(cancellationToken))
            .SelectMany(e => e.Tasks.Where(t => t.DoneAtUtc is null).Select(t => new { e.Number, e.Enterprise, e.Department, e.EngagedAtUtc, t.Id, t.Key, t.Text }));
        // A timed task is also a plan step of its engagement's department; its due time is kept there.
        var timed = await (from i in Open(db, actor)
                           join s in Watched(db) on i.Id equals EF.Property<int>(s, IncidentId)
                           where s.Kind == PlanStepKind.Task && s.TaskId != null
                               && mine.Any(e => EF.Property<int>(e, IncidentId) == i.Id && e.Department == s.Department)
                           select new { TaskId = s.TaskId!.Value, s.DueAtUtc, Level = escalations.Where(r => r.StepId == s.Id).Max(r => (int?)r.Level) ?? 0 })
            .ToDictionaryAsync(s => s.TaskId, cancellationToken);
        var open = tasks
            .Select(t => timed.TryGetValue(t.Id, out var step)
                ? new { Task = t, Due = (DateTime?)step.DueAtUtc, step.Level }
                : new { Task = t, Due = (DateTime?)null, Level = 0 })
            .OrderBy(t => t.Due is null).ThenBy(t => t.Due).ThenBy(t => t.Task.EngagedAtUtc)
            .Select(t => new OpenTask(t.Task.Number, t.Task.Enterprise, t.Task.Department, t.Task.Key, t.Task.Text, t.Due, t.Level))
            .ToList();
        return new LiaisonWork(awaiting, new Listing<OpenTask>(open.Take(Limit).ToList(), open.Count));
    }

    /// <summary>Overdue steps across the city, most overdue first; and the reader's escalation notifications not yet read, newest first.</summary>
    public async Task<DutyWork> DutyAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        var overdue = Steps(db, actor, visible, db.PlanSteps.OverdueAt(Now));
        var steps = await overdue.OrderBy(s => s.DueAtUtc).ThenBy(s => s.Number).ThenBy(s => s.Kind).ThenBy(s => s.Department)
            .Take(Limit)
            .ToListAsync(cancellationToken);

        var unread = from i in visible
                     join e in db.Escalations on i.Id equals e.IncidentId
                     join n in db.Notifications on e.Id equals n.EscalationId
                     where n.UserId == actor.UserId && n.Channel == NotificationChannel.InApp && n.ReadAtUtc == null
                     from s in db.PlanSteps.Where(s => s.Id == e.StepId).DefaultIfEmpty()
                     orderby n.CreatedAtUtc descending, n.Id descending
                     select new UnreadEscalation(n.CreatedAtUtc,
                         new EscalationNotice(i.Number, e.Level, s == null ? null : s.Kind, s == null ? null : s.Department, e.DueAtUtc));
        return new DutyWork(
            new Listing<OverdueStep>(steps.Select(s => new OverdueStep(s.Number, s.Step)).ToList(), await overdue.CountAsync(cancellationToken)),
            new Listing<UnreadEscalation>(await unread.Take(Limit).ToListAsync(cancellationToken), await unread.CountAsync(cancellationToken)));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static IQueryable<Incident> Open(DisputesDbContext db, Actor actor) =>
        db.Incidents.AsNoTracking().VisibleTo(actor).Where(i => i.Stage != Stage.Closed && i.Stage != Stage.Cancelled);

    /// <summary>Open steps not paused, due or not: the ones escalation watches.</summary>
    private static IQueryable<PlanStep> Watched(DisputesDbContext db) =>
        db.PlanSteps.Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null && s.PausedSinceUtc == null);

    /// <summary>The engagements the liaison answers for: the same grant the audience rule reads (<see cref="Actor.IsLiaisonFor"/>).</summary>
    private static IQueryable<Engagement> Mine(DisputesDbContext db, Actor actor)
    {
        var grant = IncidentAudience.GrantOf(actor);
        var offices = grant.Offices.ToList();
        var departments = grant.Departments.ToList();
        return db.Engagements.AsNoTracking().Where(e => offices.Contains(e.OrganisationId) || departments.Contains(e.Department));
    }

    /// <summary>Built with an initializer, not a constructor, so a caller can still sort and page on the database.</summary>
    private sealed class StepRow
    {
        public required int IncidentId { get; init; }
        public required string Number { get; init; }
        public required PlanStepKind Kind { get; init; }
        public required DepartmentKind? Department { get; init; }
        public required int Sequence { get; init; }
        public required string Owner { get; init; }
        public required string OwnerEn { get; init; }
        public required string OwnerRole { get; init; }
        public required bool OwnOrganisation { get; init; }
        public required DateTime DueAtUtc { get; init; }
        public required bool Overdue { get; init; }
        public required bool Mine { get; init; }
        public required int EscalationLevel { get; init; }

        public WorkStep Step => new(Kind, Department, Sequence, new OfficeName(Owner, OwnerEn), OwnerRole, OwnOrganisation, Mine, DueAtUtc, Overdue, EscalationLevel);
    }

    /// <summary>The given steps of the given incidents, with their owner's name and the escalation level they reached.</summary>
    private IQueryable<StepRow> Steps(DisputesDbContext db, Actor actor, IQueryable<Incident> incidents, IQueryable<PlanStep> steps)
    {
        var overdue = db.PlanSteps.OverdueAt(Now);
        var escalations = db.EscalationsOfWatchedSteps();
        var roles = actor.Roles.ToList();
        return from i in incidents
               join s in steps on i.Id equals EF.Property<int>(s, IncidentId)
               join o in db.Organisations on s.OwnerOrganisationId equals o.Id
               select new StepRow
               {
                   IncidentId = i.Id,
                   Number = i.Number,
                   Kind = s.Kind,
                   Department = s.Department,
                   Sequence = s.Sequence,
                   Owner = o.Name,
                   OwnerEn = o.NameEn,
                   OwnerRole = s.OwnerRole,
                   OwnOrganisation = s.OwnerOrganisationId == actor.OrganisationId,
                   DueAtUtc = s.DueAtUtc,
                   Overdue = overdue.Any(x => x.Id == s.Id),
                   Mine = s.OwnerOrganisationId == actor.OrganisationId && roles.Contains(s.OwnerRole),
                   EscalationLevel = escalations.Where(e => e.StepId == s.Id).Max(e => (int?)e.Level) ?? 0,
               };
    }
}

public static class HomeHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesHome(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HomeQueries>();
        return builder;
    }
}
