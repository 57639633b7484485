using System.Data.Common;
using Disputes.Data;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Monitoring;

/// <summary>How long something took, over a population: how many, and the median and 90th percentile in seconds.</summary>
public sealed record Duration(int Count, long? MedianSeconds, long? P90Seconds)
{
    public static Duration None { get; } = new(0, null, null);
}

/// <summary>One measured interval: the group it counts for (a town, a department) and when it started and ended.</summary>
public sealed class Interval<TKey>
{
    public required TKey Group { get; init; }
    public required DateTime StartUtc { get; init; }
    public required DateTime EndUtc { get; init; }
}

/// <summary>
/// Medians and 90th percentiles in the database, on every provider. SQLite has no PERCENTILE_CONT and SQL Server's is a
/// window function that cannot be grouped, so both read the nearest-rank percentile through window functions they share:
/// each interval is numbered within its group in order of length (ROW_NUMBER) beside the group's size (COUNT OVER), and
/// the p-th percentile is the interval numbered ⌈p·n⌉ — for the median (n + 1) / 2 and for p90 (9n + 9) / 10, in integer
/// division, which both databases do on integers. The intervals themselves come from an EF Core query (so the audience
/// rule and the population's filter are the same LINQ as everywhere else): its SQL and parameters are wrapped in a
/// common table expression, and only the length of an interval is written per provider. Only one row per group leaves
/// the database; the whole city is the group with a null key, taken in the same pass.
/// </summary>
public static class Percentiles
{
    /// <summary>One group's figures as the database returns them; <typeparamref name="TColumn"/> is how its key column reads.</summary>
    public sealed class Row<TColumn>
    {
        public TColumn? G { get; init; }
        public int N { get; init; }
        public long? P50 { get; init; }
        public long? P90 { get; init; }
    }

    /// <summary>The median and p90 of each group's intervals, and of all of them under the null key. A negative interval counts as none.</summary>
    /// <typeparam name="TGroup">The group as the query has it (a department).</typeparam>
    /// <typeparam name="TColumn">The group as its column reads (the department's name, as it is stored).</typeparam>
    public static async Task<IReadOnlyList<(TColumn? Group, Duration Duration)>> ByGroupAsync<TGroup, TColumn>(DisputesDbContext db, IQueryable<Interval<TGroup>> intervals,
        CancellationToken cancellationToken = default)
    {
        // Three distinct columns in this order: the names EF Core gives them do not matter, the CTE renames them.
        await using var inner = intervals.Select(i => new { i.Group, i.StartUtc, i.EndUtc }).CreateDbCommand();
        var parameters = inner.Parameters.Cast<DbParameter>().ToArray();
        inner.Parameters.Clear();
        var sql = $"""
            WITH d (g, s, e) AS (
            {inner.CommandText}
            ),
            v AS (SELECT g, {Seconds(db)} AS x FROM d),
            a AS (SELECT g, x FROM v UNION ALL SELECT NULL, x FROM v),
            r AS (SELECT g, CASE WHEN x < 0 THEN 0 ELSE x END AS x, ROW_NUMBER() OVER (PARTITION BY g ORDER BY x) AS k, COUNT(*) OVER (PARTITION BY g) AS n FROM a)
            SELECT g AS G, n AS N, MAX(CASE WHEN k = (n + 1) / 2 THEN x END) AS P50, MAX(CASE WHEN k = (9 * n + 9) / 10 THEN x END) AS P90
            FROM r
            GROUP BY g, n
            """;
        var rows = await db.Database.SqlQueryRaw<Row<TColumn>>(sql, parameters).ToListAsync(cancellationToken);
        return rows.Select(r => (r.G, new Duration(r.N, r.P50, r.P90))).ToList();
    }

    /// <summary>Whole seconds from s to e. SQLite keeps instants as ISO text, which julianday reads.</summary>
    private static string Seconds(DisputesDbContext db) => db.Database.IsSqlServer()
        ? "DATEDIFF_BIG(SECOND, s, e)"
        : "CAST(ROUND((julianday(e) - julianday(s)) * 86400.0) AS INTEGER)";
}
