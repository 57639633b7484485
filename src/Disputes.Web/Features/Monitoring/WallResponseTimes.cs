using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Monitoring;

/// <summary>
/// The response-time table of the exports and the bulletin, by the wall's definitions and in its SQL: time to arrive
/// (report) is each 到场 (初报) step completed in the period, from the logging to its completion
/// (<see cref="WallQueries.DoneByTown"/>), median and 90th percentile by <see cref="Percentiles"/>. Beside them, the
/// incidents logged in the period. Only incidents the user may see count; a city user gets every town, others the towns
/// their incidents are in and their own.
/// </summary>
public sealed class WallResponseTimes(IDbContextFactory<DisputesDbContext> dbFactory) : IResponseTimes
{
    public async Task<ResponseTimeTable> ByTownAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.StartUtc, period.EndUtc);
        var visible = db.Incidents.AsNoTracking().VisibleTo(actor);
        var logged = await visible.Where(i => i.ReportedAtUtc >= start && i.ReportedAtUtc < end && i.Stage != Stage.Cancelled)
            .GroupBy(i => i.TownId).Select(g => new { Town = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Town, g => g.Count, cancellationToken);
        var arrive = await Percentiles.ByGroupAsync<int, int?>(db, WallQueries.DoneByTown(db, visible, PlanStepKind.ArriveOnScene, start, end), cancellationToken);
        var report = await Percentiles.ByGroupAsync<int, int?>(db, WallQueries.DoneByTown(db, visible, PlanStepKind.InitialReport, start, end), cancellationToken);
        var towns = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.TownUnion).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.NameEn }).ToListAsync(cancellationToken);

        var seesAll = IncidentAudience.GrantOf(actor).City;
        bool Measured(int town) => logged.ContainsKey(town) || arrive.Any(f => f.Group == town) || report.Any(f => f.Group == town);
        var rows = towns.Where(t => seesAll || Measured(t.Id) || (actor.IsTownUser && actor.TownId == t.Id))
            .Select(t => new TownResponseTimes(t.Id, t.Name, t.NameEn, logged.GetValueOrDefault(t.Id), Figure(arrive, t.Id), Figure(report, t.Id)))
            .ToList();
        return new ResponseTimeTable(rows, logged.Values.Sum(), Figure(arrive, null), Figure(report, null));
    }

    private static ResponseFigure Figure(IReadOnlyList<(int? Group, Duration Duration)> figures, int? town) =>
        figures.FirstOrDefault(f => f.Group == town).Duration is { } d
            ? new ResponseFigure(d.Count, Seconds(d.MedianSeconds), Seconds(d.P90Seconds))
            : new ResponseFigure(0, null, null);

    private static TimeSpan? Seconds(long? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
