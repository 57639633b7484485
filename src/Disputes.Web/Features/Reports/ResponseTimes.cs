using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Reports;

/// <summary>How long one measure took over a set of incidents: how many were measured, the median and the 90th percentile.</summary>
public sealed record ResponseFigure(int Measured, TimeSpan? Median, TimeSpan? P90);

/// <summary>One town's response over a period: incidents logged, time to arrive on scene and to report upward.</summary>
public sealed record TownResponseTimes(int TownId, string Town, string TownEn, int Incidents, ResponseFigure Arrive, ResponseFigure Report)
{
    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

/// <summary>The towns' rows and the same figures over all of them (a median of medians would be no median).</summary>
public sealed record ResponseTimeTable(IReadOnlyList<TownResponseTimes> Towns, int Incidents, ResponseFigure Arrive, ResponseFigure Report);

/// <summary>
/// The response-time figures per town for a period, as the user may see them. The reports export and the bulletin read
/// them through this interface; the monitoring wall's definitions provide them (<see cref="Monitoring.WallResponseTimes"/>).
/// </summary>
public interface IResponseTimes
{
    Task<ResponseTimeTable> ByTownAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken = default);
}
