using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Reports;

/// <summary>How long one measure took over a set of incidents: how many were measured, the median and the 90th percentile.</summary>
public sealed record ResponseFigure(int Measured, TimeSpan? Median, TimeSpan? P90)
{
    public static ResponseFigure Of(IReadOnlyCollection<TimeSpan> durations)
    {
        if (durations.Count == 0)
        {
            return new ResponseFigure(0, null, null);
        }

        var sorted = durations.Order().ToList();
        return new ResponseFigure(sorted.Count, NearestRank(sorted, 50), NearestRank(sorted, 90));
    }

    /// <summary>The nearest-rank percentile: a duration some incident really took, never an interpolation.</summary>
    private static TimeSpan NearestRank(IReadOnlyList<TimeSpan> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>One town's response over a period: incidents logged, time to arrive on scene and to report upward.</summary>
public sealed record TownResponseTimes(int TownId, string Town, string TownEn, int Incidents, ResponseFigure Arrive, ResponseFigure Report)
{
    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

/// <summary>The towns' rows and the same figures over all of them (a median of medians would be no median).</summary>
public sealed record ResponseTimeTable(IReadOnlyList<TownResponseTimes> Towns, int Incidents, ResponseFigure Arrive, ResponseFigure Report);

/// <summary>
/// The response-time figures per town for a period, as the user may see them. The reports export and the bulletin read
/// them through this interface; the monitoring wall may provide its own (register it in place of <see cref="StepResponseTimes"/>).
/// </summary>
public interface IResponseTimes
{
    Task<ResponseTimeTable> ByTownAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken = default);
}

/// <summary>
/// DESIGN.md's definitions, from the plan steps: time to arrive (or report) is logging → the 到场 (初报) step done, for
/// incidents logged in the period and not cancelled. A step not done yet is not measured. Only incidents the user may see
/// count; a city user gets every town, others the towns their incidents are in.
/// </summary>
public sealed class StepResponseTimes(IDbContextFactory<DisputesDbContext> dbFactory) : IResponseTimes
{
    public async Task<ResponseTimeTable> ByTownAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.StartUtc, period.EndUtc);
        var measured = await db.Incidents.AsNoTracking().VisibleTo(actor)
            .Where(i => i.ReportedAtUtc >= start && i.ReportedAtUtc < end && i.Stage != Stage.Cancelled)
            .Select(i => new Measured(
                i.TownId,
                i.ReportedAtUtc,
                i.Steps.Where(s => s.Kind == PlanStepKind.ArriveOnScene).Max(s => s.CompletedAtUtc),
                i.Steps.Where(s => s.Kind == PlanStepKind.InitialReport).Max(s => s.CompletedAtUtc)))
            .ToListAsync(cancellationToken);
        var towns = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.TownUnion).OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.NameEn }).ToListAsync(cancellationToken);
        var byTown = measured.ToLookup(m => m.TownId);
        var seesAll = IncidentAudience.GrantOf(actor).City;
        ResponseFigure Arrive(IEnumerable<Measured> incidents) =>
            ResponseFigure.Of(incidents.Where(i => i.Arrived is not null).Select(i => Elapsed(i.ReportedAtUtc, i.Arrived!.Value)).ToList());
        ResponseFigure Report(IEnumerable<Measured> incidents) =>
            ResponseFigure.Of(incidents.Where(i => i.Reported is not null).Select(i => Elapsed(i.ReportedAtUtc, i.Reported!.Value)).ToList());
        var rows = towns.Where(t => seesAll || byTown.Contains(t.Id) || (actor.IsTownUser && actor.TownId == t.Id))
            .Select(t => new TownResponseTimes(t.Id, t.Name, t.NameEn, byTown[t.Id].Count(), Arrive(byTown[t.Id]), Report(byTown[t.Id])))
            .ToList();
        return new ResponseTimeTable(rows, measured.Count, Arrive(measured), Report(measured));
    }

    private sealed record Measured(int TownId, DateTime ReportedAtUtc, DateTime? Arrived, DateTime? Reported);

    /// <summary>An officer already on site logs after arriving: that arrival took no time, not less than none.</summary>
    private static TimeSpan Elapsed(DateTime loggedUtc, DateTime doneUtc) => doneUtc > loggedUtc ? doneUtc - loggedUtc : TimeSpan.Zero;
}
