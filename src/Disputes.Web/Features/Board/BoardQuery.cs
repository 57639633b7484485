using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Board;

public enum BoardSort
{
    Reported,
    Number,
    Grade,
    Stage,
    Workers,
    WagesOwed,
}

public sealed record BoardRow(
    string Number,
    int EnterpriseId,
    string Enterprise,
    string Town,
    string TownEn,
    IncidentType Type,
    SeverityGrade Grade,
    Stage Stage,
    int Workers,
    Money WagesOwed,
    DateTime ReportedAtUtc,
    int OverdueSteps)
{
    /// <summary>The highest escalation level reached on a step still watched; 0 when none.</summary>
    public int EscalationLevel { get; init; }

    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

public sealed record BoardPage(IReadOnlyList<BoardRow> Rows, int Total);

/// <summary>A column of the board view: the first cards and how many the stage holds in all.</summary>
public sealed record BoardColumn(Stage Stage, IReadOnlyList<BoardRow> Cards, int Total)
{
    public int More => Total - Cards.Count;
}

public sealed record TownOption(int Id, string Name, string NameEn)
{
    public string DisplayName(bool chinese) => chinese ? Name : NameEn;
}

/// <summary>
/// The case board's queries. Everything runs in the database — filters, search, sorting, paging and the count of
/// overdue steps — and starts from <see cref="IncidentQueries.VisibleTo"/>, so nobody sees a row they should not.
/// </summary>
public sealed class BoardQuery(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public static IReadOnlyList<Stage> ColumnStages { get; } = [Stage.Reported, Stage.Responding, Stage.Resolving, Stage.Resolved];

    public async Task<BoardPage> PageAsync(Actor actor, BoardFilter filter, BoardSort sort, bool descending, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = Filtered(db, actor, filter, now);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(db, Sorted(query, sort, descending).Skip(Paging.Offset(page, pageSize)).Take(pageSize), now)
            .ToListAsync(cancellationToken);
        return new BoardPage(rows, total);
    }

    /// <summary>
    /// Every row the list view would page through for this filter, newest first (at most <paramref name="max"/>): the case
    /// list export hands out exactly what the board shows.
    /// </summary>
    public async Task<IReadOnlyList<BoardRow>> AllAsync(Actor actor, BoardFilter filter, int max, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // The rows are chosen first, by their keys alone; only those get their overdue and escalation counts. Sorted and cut in
        // one SELECT, SQLite counted them for every incident of the city before it threw most away.
        var chosen = Sorted(Filtered(db, actor, filter, now), BoardSort.Reported, descending: true).Select(x => x.Incident.Id).Take(max);
        var rows = Sorted(Filtered(db, actor, filter, now).Where(x => chosen.Contains(x.Incident.Id)), BoardSort.Reported, descending: true);
        return await Project(db, rows, now).ToListAsync(cancellationToken);
    }

    /// <summary>The board view: one column per open stage, the most severe and newest first. The filter's stage is ignored.</summary>
    public async Task<IReadOnlyList<BoardColumn>> ColumnsAsync(Actor actor, BoardFilter filter, int perColumn = 50,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var columns = new List<BoardColumn>();
        foreach (var stage in ColumnStages)
        {
            var query = Filtered(db, actor, filter with { Stage = stage }, now);
            var total = await query.CountAsync(cancellationToken);
            var cards = await Project(db, query.OrderBy(x => x.Incident.Grade == SeverityGrade.I ? 1
                        : x.Incident.Grade == SeverityGrade.II ? 2 : x.Incident.Grade == SeverityGrade.III ? 3 : 4)
                    .ThenByDescending(x => x.Incident.ReportedAtUtc).Take(perColumn), now)
                .ToListAsync(cancellationToken);
            columns.Add(new BoardColumn(stage, cards, total));
        }

        return columns;
    }

    public async Task<IReadOnlyList<TownOption>> TownsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.TownUnion).OrderBy(o => o.Id)
            .Select(o => new TownOption(o.Id, o.Name, o.NameEn)).ToListAsync(cancellationToken);
    }

    /// <summary>Built with an initializer, not a constructor: EF Core can see through member bindings to later filters and sorts.</summary>
    private sealed class Joined
    {
        public required Incident Incident { get; init; }
        public required string Enterprise { get; init; }
        public required string Town { get; init; }
        public required string TownEn { get; init; }
    }

    private static IQueryable<Joined> Filtered(DisputesDbContext db, Actor actor, BoardFilter filter, DateTime nowUtc)
    {
        var incidents = db.Incidents.AsNoTracking().VisibleTo(actor);
        if (filter.TownId is { } town)
        {
            incidents = incidents.Where(i => i.TownId == town);
        }

        if (filter.Type is { } type)
        {
            incidents = incidents.Where(i => i.Type == type);
        }

        if (filter.Grade is { } grade)
        {
            incidents = incidents.Where(i => i.Grade == grade);
        }

        if (filter.Stage is { } stage)
        {
            incidents = incidents.Where(i => i.Stage == stage);
        }
        else if (!filter.AnyStage)
        {
            incidents = incidents.Open();
        }

        if (filter.OverdueOnly)
        {
            var overdue = OverdueSteps(db, nowUtc);
            if (filter.OverdueKind is { } kind)
            {
                overdue = overdue.Where(s => s.Kind == kind);
            }

            incidents = incidents.Where(i => overdue.Select(s => EF.Property<int>(s, Measures.IncidentId)).Contains(i.Id));
        }

        incidents = ByPeriod(db, incidents, filter, nowUtc);
        if (filter.Department is { } department && filter.On is not (BoardEvent.Escalated or BoardEvent.Done or BoardEvent.Due))
        {
            incidents = incidents.Where(i => i.Engagements.Any(e => e.Department == department));
        }

        if (filter.RecoveredFrom is { } source)
        {
            var recovered = db.Recoveries().Where(r => r.Source == source).Select(r => r.IncidentId);
            incidents = incidents.Where(i => recovered.Contains(i.Id));
        }

        var joined = from i in incidents
                     join e in db.Enterprises on i.EnterpriseId equals e.Id
                     join t in db.Organisations on i.TownId equals t.Id
                     select new Joined { Incident = i, Enterprise = e.Name, Town = t.Name, TownEn = t.NameEn };
        if (filter.Search is { Length: > 0 } search)
        {
            // Numbers are upper case (ZP-2026-0007); officers type them any way.
            var number = search.ToUpperInvariant();
            joined = joined.Where(x => x.Incident.Number.Contains(number) || x.Enterprise.Contains(search));
        }

        return joined;
    }

    /// <summary>
    /// What happened in the period, as <see cref="Measures"/> defines each population the wall counts. Each is "the incident's
    /// id is among those of the rows that happened" (IN, not EXISTS), so the database walks the period's few rows by their
    /// index and looks the incidents up, rather than probing every incident of the city's history.
    /// </summary>
    private static IQueryable<Incident> ByPeriod(DisputesDbContext db, IQueryable<Incident> incidents, BoardFilter filter, DateTime nowUtc)
    {
        var (from, to) = (filter.FromUtc, filter.ToUtc);
        switch (filter.On)
        {
            case BoardEvent.Logged:
                return filter.HasPeriod ? incidents.LoggedIn(from, to) : incidents;
            case BoardEvent.Closed:
                return incidents.ClosedIn(from, to);
            case BoardEvent.Escalated:
                var escalations = db.Escalations.EscalatedIn(from, to, filter.Level);
                if (filter.Unread)
                {
                    escalations = escalations.UnreadByAll(db);
                }

                if (filter.Department is { } escalatedDepartment)
                {
                    escalations = escalations.OfDepartment(db, escalatedDepartment);
                }

                var escalated = escalations.Select(e => e.IncidentId);
                return incidents.Where(i => escalated.Contains(i.Id));
            default:
                var steps = filter.Department is { } department ? db.PlanSteps.OfDepartment(department) : db.PlanSteps;
                steps = filter.On == BoardEvent.Done ? steps.DoneIn(filter.Step, from, to) : steps.DueIn(from, to, nowUtc);
                var stepped = steps.Select(s => EF.Property<int>(s, Measures.IncidentId));
                return incidents.Where(i => stepped.Contains(i.Id));
        }
    }

    /// <summary>The overdue rule of <see cref="IncidentQueries.OverdueAt"/>; EF Core inlines the captured query as a subquery.</summary>
    private static IQueryable<PlanStep> OverdueSteps(DisputesDbContext db, DateTime nowUtc) => db.PlanSteps.OverdueAt(nowUtc);

    private static IOrderedQueryable<Joined> Sorted(IQueryable<Joined> query, BoardSort sort, bool descending)
    {
        IOrderedQueryable<Joined> ordered = sort switch
        {
            BoardSort.Number => By(query, x => x.Incident.Number, descending),
            // Stored as text; the plan's order, not the alphabet's.
            BoardSort.Grade => By(query, x => x.Incident.Grade == SeverityGrade.I ? 1 : x.Incident.Grade == SeverityGrade.II ? 2
                : x.Incident.Grade == SeverityGrade.III ? 3 : 4, descending),
            BoardSort.Stage => By(query, x => x.Incident.Stage == Stage.Reported ? 1 : x.Incident.Stage == Stage.Responding ? 2
                : x.Incident.Stage == Stage.Resolving ? 3 : x.Incident.Stage == Stage.Resolved ? 4
                : x.Incident.Stage == Stage.Closed ? 5 : 6, descending),
            BoardSort.Workers => By(query, x => x.Incident.WorkersInvolved, descending),
            BoardSort.WagesOwed => By(query, x => x.Incident.WagesOwed.Fen, descending),
            _ => By(query, x => x.Incident.ReportedAtUtc, descending),
        };

        // A stable order, so paging never shows a row twice or skips one.
        return ordered.ThenByDescending(x => x.Incident.ReportedAtUtc).ThenBy(x => x.Incident.Id);
    }

    private static IOrderedQueryable<Joined> By<TKey>(IQueryable<Joined> query, System.Linq.Expressions.Expression<Func<Joined, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);

    private static IQueryable<BoardRow> Project(DisputesDbContext db, IQueryable<Joined> query, DateTime nowUtc)
    {
        var overdue = OverdueSteps(db, nowUtc);
        var escalations = db.EscalationsOfWatchedSteps();
        return query.Select(x => new BoardRow(
            x.Incident.Number,
            x.Incident.EnterpriseId,
            x.Enterprise,
            x.Town,
            x.TownEn,
            x.Incident.Type,
            x.Incident.Grade,
            x.Incident.Stage,
            x.Incident.WorkersInvolved,
            x.Incident.WagesOwed,
            x.Incident.ReportedAtUtc,
            overdue.Count(s => EF.Property<int>(s, "IncidentId") == x.Incident.Id))
        {
            EscalationLevel = escalations.Where(e => e.IncidentId == x.Incident.Id).Max(e => (int?)e.Level) ?? 0,
        });
    }
}

public static class BoardHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesBoard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BoardQuery>();
        return builder;
    }
}
