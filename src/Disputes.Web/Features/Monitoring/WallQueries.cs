using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Home;
using Disputes.Web.Features.Incidents;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Monitoring;

/// <summary>
/// The monitoring wall's figures. Every query starts from the audience rule (<see cref="IncidentQueries.VisibleTo"/>),
/// counts a population of <see cref="Measures"/>, and runs in the database as a count, sum, group or percentile
/// (<see cref="Percentiles"/>): only the figures leave it, and the first rows of the two lists. Amounts are summed in fen.
/// </summary>
public sealed class WallQueries(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Rows of the overdue and escalation lists; the rest are a link away.</summary>
    public const int Limit = 10;

    public const int TrendMonths = 12;

    private const string IncidentId = Measures.IncidentId;

    /// <summary>
    /// The whole wall. Its three parts — the state now, the period's response figures, the twelve months' trend — are
    /// independent reads, so they run side by side, each on its own short-lived context.
    /// </summary>
    public async Task<WallFigures> ReadAsync(Actor actor, WallPeriod period, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(now));
        var (fromUtc, toUtc) = period.Range(today);
        var state = StateAsync(actor, now, today, cancellationToken);
        var responses = ResponsesAsync(actor, fromUtc, toUtc, now, cancellationToken);
        var trend = TrendAsync(actor, today, cancellationToken);
        var (towns, grid, byStage, byType, overdue, overdueByKind, escalations, totals, months) = await state;
        var (townResponses, departmentResponses) = await responses;
        return new WallFigures(now, period, fromUtc, toUtc, towns, grid, byStage, byType, overdue, overdueByKind, escalations, totals, months,
            townResponses, departmentResponses, await trend);
    }

    private async Task<(IReadOnlyList<TownOption>, IReadOnlyList<HeatCell>, IReadOnlyList<(Stage, int)>, IReadOnlyList<(IncidentType, int)>, Listing<WallStep>,
        IReadOnlyList<(PlanStepKind, int)>, WallEscalations, WallTotals, MonthComparison)> StateAsync(Actor actor, DateTime now, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        var towns = await TownsAsync(db, actor, cancellationToken);
        var grid = await GridAsync(db, visible.Open(), now, cancellationToken);
        var (byStage, byType) = await BreakdownAsync(visible.Open(), cancellationToken);
        var (overdue, overdueByKind) = await OverdueAsync(db, visible, now, cancellationToken);
        return (towns, grid, byStage, byType, overdue, overdueByKind, await EscalationsAsync(db, visible, now, cancellationToken),
            await TotalsAsync(db, visible.Open(), cancellationToken), await MonthsAsync(visible, today, cancellationToken));
    }

    private async Task<(IReadOnlyList<TownResponse>, IReadOnlyList<DepartmentResponse>)> ResponsesAsync(Actor actor, DateTime fromUtc, DateTime toUtc,
        DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        return (await TownResponsesAsync(db, visible, fromUtc, toUtc, now, cancellationToken),
            await DepartmentResponsesAsync(db, visible, fromUtc, toUtc, now, cancellationToken));
    }

    private async Task<T> WithContextAsync<T>(Func<DisputesDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await read(db);
    }

    /// <summary>The towns the wall has a row for: a town user's own, everyone else's the whole city.</summary>
    private static async Task<IReadOnlyList<TownOption>> TownsAsync(DisputesDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        var grant = IncidentAudience.GrantOf(actor);
        var own = !grant.City && grant.Offices.Count == 0 && grant.Departments.Count == 0 ? grant.Towns.ToList() : null;
        return await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.TownUnion && (own == null || own.Contains(o.Id)))
            .OrderBy(o => o.Id)
            .Select(o => new TownOption(o.Id, o.Name, o.NameEn))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Open incidents per town and grade, with each cell's overdue steps and the oldest due time among them.</summary>
    private async Task<IReadOnlyList<HeatCell>> GridAsync(DisputesDbContext db, IQueryable<Incident> open, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var counts = await open.GroupBy(i => new { i.TownId, i.Grade })
            .Select(g => new { g.Key.TownId, g.Key.Grade, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var late = await (from s in db.PlanSteps.OverdueAt(nowUtc)
                          join i in open on EF.Property<int>(s, IncidentId) equals i.Id
                          group s by new { i.TownId, i.Grade } into g
                          select new { g.Key.TownId, g.Key.Grade, Steps = g.Count(), Oldest = g.Min(s => s.DueAtUtc) })
            .ToListAsync(cancellationToken);
        var ladder = await db.Playbooks.AsNoTracking().Select(p => new { p.Level2AfterMinutes, p.Level3AfterMinutes }).SingleAsync(cancellationToken);
        int Lateness(DateTime? oldest) => oldest is not { } due ? 0
            : (nowUtc - due).TotalMinutes >= ladder.Level2AfterMinutes + ladder.Level3AfterMinutes ? 3
            : (nowUtc - due).TotalMinutes >= ladder.Level2AfterMinutes ? 2
            : 1;
        return counts.Select(c =>
        {
            var overdue = late.FirstOrDefault(l => l.TownId == c.TownId && l.Grade == c.Grade);
            return new HeatCell(c.TownId, c.Grade, c.Count, overdue?.Steps ?? 0, overdue?.Oldest, Lateness(overdue?.Oldest));
        }).ToList();
    }

    private static async Task<(IReadOnlyList<(Stage, int)>, IReadOnlyList<(IncidentType, int)>)> BreakdownAsync(IQueryable<Incident> open,
        CancellationToken cancellationToken)
    {
        var stages = await open.GroupBy(i => i.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var types = await open.GroupBy(i => i.Type).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return (Measures.OpenStages.Select(s => (s, stages.GetValueOrDefault(s))).ToList(),
            Enum.GetValues<IncidentType>().Select(t => (t, types.GetValueOrDefault(t))).ToList());
    }

    /// <summary>Overdue steps of every incident the user may see (a follow-up visit is due after closure), the most overdue first.</summary>
    private static async Task<(Listing<WallStep>, IReadOnlyList<(PlanStepKind, int)>)> OverdueAsync(DisputesDbContext db, IQueryable<Incident> visible,
        DateTime nowUtc, CancellationToken cancellationToken)
    {
        var escalations = db.EscalationsOfWatchedSteps();
        var steps = from s in db.PlanSteps.OverdueAt(nowUtc)
                    join i in visible on EF.Property<int>(s, IncidentId) equals i.Id
                    select new { Step = s, i.Number };
        var first = await (from x in steps
                           join o in db.Organisations on x.Step.OwnerOrganisationId equals o.Id
                           orderby x.Step.DueAtUtc, x.Number, x.Step.Kind, x.Step.Department
                           select new WallStep(x.Number, x.Step.Kind, x.Step.Department, x.Step.Sequence, new OfficeName(o.Name, o.NameEn), x.Step.OwnerRole,
                               x.Step.DueAtUtc, escalations.Where(e => e.StepId == x.Step.Id).Max(e => (int?)e.Level) ?? 0))
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var byKind = await steps.GroupBy(x => x.Step.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return (new Listing<WallStep>(first, byKind.Values.Sum()),
            Enum.GetValues<PlanStepKind>().Where(byKind.ContainsKey).Select(k => (k, byKind[k])).ToList());
    }

    /// <summary>The last 24 hours' escalations, newest first, each with the timeline entry that tells it.</summary>
    private static async Task<WallEscalations> EscalationsAsync(DisputesDbContext db, IQueryable<Incident> visible, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var since = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddDays(-1);
        var recent = db.Escalations.EscalatedIn(since, null, null).Where(e => visible.Any(i => i.Id == e.IncidentId));
        var unread = recent.UnreadByAll(db);
        var rows = await (from e in recent
                          join i in db.Incidents on e.IncidentId equals i.Id
                          from s in db.PlanSteps.Where(s => s.Id == e.StepId).DefaultIfEmpty()
                          orderby e.EscalatedAtUtc descending, e.Id descending
                          select new
                          {
                              e.IncidentId, i.Number, e.Level, e.EscalatedAtUtc,
                              Kind = s == null ? (PlanStepKind?)null : s.Kind, Department = s == null ? null : s.Department,
                              Unread = unread.Any(u => u.Id == e.Id),
                          })
            .Take(Limit)
            .ToListAsync(cancellationToken);

        // The engine writes an escalation and its timeline entry in one transaction, at one time: that pair finds the sentence.
        var incidents = rows.Select(r => r.IncidentId).Distinct().ToList();
        var times = rows.Select(r => r.EscalatedAtUtc).Distinct().ToList();
        var entries = (await db.TimelineEntries.AsNoTracking()
                .Where(t => t.Kind == TimelineKind.Escalated && incidents.Contains(EF.Property<int>(t, IncidentId)) && times.Contains(t.AtUtc))
                .Select(t => new { IncidentId = EF.Property<int>(t, IncidentId), Entry = t })
                .ToListAsync(cancellationToken))
            .Select(t => (t.IncidentId, t.Entry, Event: (IncidentEvent.Escalated)t.Entry.Event))
            .ToList();
        var told = rows.Select(r => entries.FirstOrDefault(t => t.IncidentId == r.IncidentId && t.Entry.AtUtc == r.EscalatedAtUtc && t.Event.Level == r.Level
                    && t.Event.Step?.Kind == r.Kind && t.Event.Step?.Department == r.Department) is { Entry: not null } found
                ? new WallEscalation(r.Number, r.Level, r.EscalatedAtUtc, found.Event, found.Entry.ActorName, r.Unread)
                : null)
            .OfType<WallEscalation>()
            .ToList();
        return new WallEscalations(since, await recent.CountAsync(cancellationToken), await unread.CountAsync(cancellationToken), told);
    }

    private static async Task<WallTotals> TotalsAsync(DisputesDbContext db, IQueryable<Incident> open, CancellationToken cancellationToken)
    {
        var totals = await open.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Workers = g.Sum(i => (long)i.WorkersInvolved), Owed = g.Sum(i => i.WagesOwed.Fen) })
            .SingleOrDefaultAsync(cancellationToken);
        // From the open incidents to their workers' recoveries: a few thousand rows, never the history's.
        var recovered = await (from i in open
                               join r in db.Recoveries() on i.Id equals r.IncidentId
                               group r by r.Source into g
                               select new { g.Key, Fen = g.Sum(r => r.AmountFen) })
            .ToDictionaryAsync(g => g.Key, g => g.Fen, cancellationToken);
        return new WallTotals(totals?.Count ?? 0, (int)(totals?.Workers ?? 0), new Money(totals?.Owed ?? 0),
            Enum.GetValues<RecoverySource>().Select(s => new RecoveredFrom(s, new Money(recovered.GetValueOrDefault(s)))).ToList());
    }

    /// <summary>Incidents opened and closed this month, last month and in the same month last year, China's calendar.</summary>
    private static async Task<MonthComparison> MonthsAsync(IQueryable<Incident> visible, DateOnly today, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        DateOnly[] months = [thisMonth, thisMonth.AddMonths(-1), thisMonth.AddYears(-1)];
        var ranges = months.Select(m => (From: ChinaTime.StartOfDayUtc(m), To: ChinaTime.StartOfDayUtc(m.AddMonths(1)))).ToArray();
        var (a, b, c) = (ranges[0], ranges[1], ranges[2]);
        var opened = await visible.Where(i => (i.ReportedAtUtc >= a.From && i.ReportedAtUtc < a.To) || (i.ReportedAtUtc >= b.From && i.ReportedAtUtc < b.To)
                || (i.ReportedAtUtc >= c.From && i.ReportedAtUtc < c.To))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                A = g.Count(i => i.ReportedAtUtc >= a.From && i.ReportedAtUtc < a.To),
                B = g.Count(i => i.ReportedAtUtc >= b.From && i.ReportedAtUtc < b.To),
                C = g.Count(i => i.ReportedAtUtc >= c.From && i.ReportedAtUtc < c.To),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var closed = await visible.Where(i => i.ClosedAtUtc != null && ((i.ClosedAtUtc >= a.From && i.ClosedAtUtc < a.To)
                || (i.ClosedAtUtc >= b.From && i.ClosedAtUtc < b.To) || (i.ClosedAtUtc >= c.From && i.ClosedAtUtc < c.To)))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                A = g.Count(i => i.ClosedAtUtc >= a.From && i.ClosedAtUtc < a.To),
                B = g.Count(i => i.ClosedAtUtc >= b.From && i.ClosedAtUtc < b.To),
                C = g.Count(i => i.ClosedAtUtc >= c.From && i.ClosedAtUtc < c.To),
            })
            .SingleOrDefaultAsync(cancellationToken);
        MonthCount Month(int index, int? open, int? shut) => new(months[index], ranges[index].From, ranges[index].To, open ?? 0, shut ?? 0);
        return new MonthComparison(Month(0, opened?.A, closed?.A), Month(1, opened?.B, closed?.B), Month(2, opened?.C, closed?.C));
    }

    /// <summary>Per town over the period: time to arrive, report and resolve; the on-time share; escalations per level.</summary>
    private static async Task<IReadOnlyList<TownResponse>> TownResponsesAsync(DisputesDbContext db, IQueryable<Incident> visible, DateTime fromUtc,
        DateTime toUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        IQueryable<Interval<int>> Done(PlanStepKind kind) => DoneByTown(db, visible, kind, fromUtc, toUtc);
        var arrive = await Percentiles.ByGroupAsync<int, int?>(db, Done(PlanStepKind.ArriveOnScene), cancellationToken);
        var report = await Percentiles.ByGroupAsync<int, int?>(db, Done(PlanStepKind.InitialReport), cancellationToken);
        var resolve = await Percentiles.ByGroupAsync<int, int?>(db, Done(PlanStepKind.Resolve), cancellationToken);

        // On time: completed by the due time.
        var shares = await (from s in db.PlanSteps.DueIn(fromUtc, toUtc, nowUtc)
                            join i in visible on EF.Property<int>(s, IncidentId) equals i.Id
                            group s by i.TownId into g
                            select new { Town = g.Key, Counted = g.Count(), OnTime = g.Count(s => s.CompletedAtUtc != null && s.CompletedAtUtc <= s.DueAtUtc) })
            .ToListAsync(cancellationToken);
        var escalations = await (from e in db.Escalations.EscalatedIn(fromUtc, toUtc, null)
                                 join i in visible on e.IncidentId equals i.Id
                                 group e by new { i.TownId, e.Level } into g
                                 select new { g.Key.TownId, g.Key.Level, Count = g.Count() })
            .ToListAsync(cancellationToken);

        static Duration Of(IReadOnlyList<(int? Group, Duration Duration)> figures, int? town) =>
            figures.FirstOrDefault(f => f.Group == town).Duration ?? Duration.None;
        IReadOnlyList<int> Levels(int? town) =>
            EscalationLadder.Levels.Select(l => escalations.Where(e => (town == null || e.TownId == town) && e.Level == l).Sum(e => e.Count)).ToList();
        Share ShareOf(int? town) => new(shares.Where(s => town == null || s.Town == town).Sum(s => s.OnTime), shares.Where(s => town == null || s.Town == town).Sum(s => s.Counted));

        var groups = arrive.Concat(report).Concat(resolve).Select(f => f.Group).OfType<int>()
            .Concat(shares.Select(s => s.Town)).Concat(escalations.Select(e => e.TownId)).Distinct().Order();
        return groups.Select(t => (int?)t).Prepend(null)
            .Select(t => new TownResponse(t, Of(arrive, t), Of(report, t), Of(resolve, t), ShareOf(t), Levels(t)))
            .ToList();
    }

    /// <summary>
    /// The time to arrive, report or resolve, per town: each step of that kind completed in the period, from its start
    /// (the incident's logging) to its completion. The wall and the response-time table of exports and bulletins
    /// (<see cref="WallResponseTimes"/>) both measure through it.
    /// </summary>
    public static IQueryable<Interval<int>> DoneByTown(DisputesDbContext db, IQueryable<Incident> visible, PlanStepKind kind, DateTime fromUtc, DateTime toUtc) =>
        from s in db.PlanSteps.DoneIn(kind, fromUtc, toUtc)
        join i in visible on EF.Property<int>(s, IncidentId) equals i.Id
        select new Interval<int> { Group = i.TownId, StartUtc = s.StartsAtUtc, EndUtc = s.CompletedAtUtc!.Value };

    /// <summary>Per department over the period: time to acknowledge (MTTA), the on-time share of its own steps, their escalations.</summary>
    private static async Task<IReadOnlyList<DepartmentResponse>> DepartmentResponsesAsync(DisputesDbContext db, IQueryable<Incident> visible,
        DateTime fromUtc, DateTime toUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var acknowledgements = from s in db.PlanSteps.DoneIn(PlanStepKind.DepartmentAcknowledges, fromUtc, toUtc)
                               join i in visible on EF.Property<int>(s, IncidentId) equals i.Id
                               select new Interval<DepartmentKind?> { Group = s.Department, StartUtc = s.StartsAtUtc, EndUtc = s.CompletedAtUtc!.Value };
        var acknowledge = (await Percentiles.ByGroupAsync<DepartmentKind?, string>(db, acknowledgements, cancellationToken))
            .Select(f => (Department: f.Group is { } name ? Enum.Parse<DepartmentKind>(name) : (DepartmentKind?)null, f.Duration))
            .ToList();
        var shares = await (from s in db.PlanSteps.DueIn(fromUtc, toUtc, nowUtc).DepartmentOwned()
                            join i in visible on EF.Property<int>(s, IncidentId) equals i.Id
                            group s by s.Department into g
                            select new { Department = g.Key, Counted = g.Count(), OnTime = g.Count(s => s.CompletedAtUtc != null && s.CompletedAtUtc <= s.DueAtUtc) })
            .ToListAsync(cancellationToken);
        var escalations = await (from e in db.Escalations.EscalatedIn(fromUtc, toUtc, null)
                                 join s in db.PlanSteps.DepartmentOwned() on e.StepId equals (Guid?)s.Id
                                 join i in visible on e.IncidentId equals i.Id
                                 group e by new { s.Department, e.Level } into g
                                 select new { g.Key.Department, g.Key.Level, Count = g.Count() })
            .ToListAsync(cancellationToken);

        Share ShareOf(DepartmentKind? d) => new(shares.Where(s => d == null || s.Department == d).Sum(s => s.OnTime), shares.Where(s => d == null || s.Department == d).Sum(s => s.Counted));
        IReadOnlyList<int> Levels(DepartmentKind? d) =>
            EscalationLadder.Levels.Select(l => escalations.Where(e => (d == null || e.Department == d) && e.Level == l).Sum(e => e.Count)).ToList();
        return Enum.GetValues<DepartmentKind>().Select(d => (DepartmentKind?)d).Prepend(null)
            .Select(d => new DepartmentResponse(d, acknowledge.FirstOrDefault(a => a.Department == d).Duration ?? Duration.None, ShareOf(d), Levels(d)))
            .ToList();
    }

    /// <summary>
    /// The last twelve months, this one included: incidents logged per type and the wages owed on them, and the wages
    /// recovered. The trend reads the most rows of the wall (a year of the city's history), so its two halves run side by side.
    /// </summary>
    private async Task<IReadOnlyList<TrendMonth>> TrendAsync(Actor actor, DateOnly today, CancellationToken cancellationToken)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - TrendMonths);
        var months = Enumerable.Range(0, TrendMonths + 1).Select(n => ChinaTime.StartOfDayUtc(first.AddMonths(n))).ToList();
        var logging = WithContextAsync(db => Bucketed(db.Incidents.AsNoTracking().VisibleTo(actor).LoggedIn(months[0], null)
                    .Select(i => new Dated { AtUtc = i.ReportedAtUtc, Type = i.Type, Fen = i.WagesOwed.Fen }), months)
                .GroupBy(b => new { b.Month, b.Type })
                .Select(g => new { g.Key.Month, g.Key.Type, Count = g.Count(), Owed = g.Sum(b => b.Fen) })
                .ToListAsync(cancellationToken), cancellationToken);
        var recovering = WithContextAsync(db =>
        {
            // The whole city sees every recovery: asking which incident each belongs to would only cost two lookups a row.
            var dated = IncidentAudience.GrantOf(actor).City
                ? db.Recoveries.Where(r => r.RecordedAtUtc >= months[0]).Select(r => new Dated { AtUtc = r.RecordedAtUtc, Type = IncidentType.Other, Fen = r.Amount.Fen })
                : db.Recoveries().Where(r => r.RecordedAtUtc >= months[0] && db.Incidents.VisibleTo(actor).Any(i => i.Id == r.IncidentId))
                    .Select(r => new Dated { AtUtc = r.RecordedAtUtc, Type = IncidentType.Other, Fen = r.AmountFen });
            return Bucketed(dated, months).GroupBy(b => b.Month).Select(g => new { Month = g.Key, Fen = g.Sum(b => b.Fen) })
                .ToDictionaryAsync(r => r.Month, r => r.Fen, cancellationToken);
        }, cancellationToken);
        var logged = await logging;
        var recovered = await recovering;
        return Enumerable.Range(0, TrendMonths).Select(n =>
        {
            var rows = logged.Where(l => l.Month == n).ToList();
            return new TrendMonth(first.AddMonths(n), months[n], months[n + 1],
                Enum.GetValues<IncidentType>().ToDictionary(t => t, t => rows.Where(r => r.Type == t).Sum(r => r.Count)),
                new Money(rows.Sum(r => r.Owed)),
                new Money(recovered.GetValueOrDefault(n)));
        }).ToList();
    }

    /// <summary>An instant with what the trend sums of it.</summary>
    private sealed class Dated
    {
        public required DateTime AtUtc { get; init; }
        public required IncidentType Type { get; init; }
        public required long Fen { get; init; }
    }

    private sealed class Bucket
    {
        public required int Month { get; init; }
        public required IncidentType Type { get; init; }
        public required long Fen { get; init; }
    }

    /// <summary>
    /// Which month of the China calendar each instant falls in, as a CASE over the months' first instants (computed here,
    /// from the calendar): the same SQL on both providers, no time-zone arithmetic in the database, and cheaper for SQLite
    /// than reading each instant's year and month.
    /// </summary>
    private static IQueryable<Bucket> Bucketed(IQueryable<Dated> dated, IReadOnlyList<DateTime> starts)
    {
        var row = Expression.Parameter(typeof(Dated), "d");
        var at = Expression.Property(row, nameof(Dated.AtUtc));
        Expression month = Expression.Constant(starts.Count - 2);
        for (var m = starts.Count - 3; m >= 0; m--)
        {
            month = Expression.Condition(Expression.LessThan(at, Expression.Constant(starts[m + 1])), Expression.Constant(m), month);
        }

        var bucket = Expression.MemberInit(Expression.New(typeof(Bucket)),
            Expression.Bind(typeof(Bucket).GetProperty(nameof(Bucket.Month))!, month),
            Expression.Bind(typeof(Bucket).GetProperty(nameof(Bucket.Type))!, Expression.Property(row, nameof(Dated.Type))),
            Expression.Bind(typeof(Bucket).GetProperty(nameof(Bucket.Fen))!, Expression.Property(row, nameof(Dated.Fen))));
        return dated.Select(Expression.Lambda<Func<Dated, Bucket>>(bucket, row));
    }
}
