using System.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>The whole wall through SQL Server's translation (<see cref="NoSqlServer"/>): every figure is SQL there too, percentiles included.</summary>
public sealed class WallQueriesOnSqlServerTests
{
    private readonly NoSqlServer _server = new();
    private readonly WallQueries _queries;

    public WallQueriesOnSqlServerTests()
    {
        var ladder = new DataTable();
        ladder.Columns.Add("Level2AfterMinutes", typeof(int));
        ladder.Columns.Add("Level3AfterMinutes", typeof(int));
        ladder.Rows.Add(30, 60);
        _server.Answers["FROM [Playbooks]"] = ladder;
        var percentiles = new DataTable();
        percentiles.Columns.Add("G", typeof(string));
        percentiles.Columns.Add("N", typeof(int));
        percentiles.Columns.Add("P50", typeof(long));
        percentiles.Columns.Add("P90", typeof(long));
        _server.Answers["ROW_NUMBER()"] = percentiles;
        _queries = new WallQueries(_server.Factory(), new FakeTimeProvider(new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(Roles.CityLeader, OrganisationKind.CityFederation, null, null)]
    [InlineData(Roles.TownOfficer, OrganisationKind.TownUnion, 14, null)]
    [InlineData(Roles.DepartmentLiaison, OrganisationKind.Department, null, DepartmentKind.LaborInspection)]
    public async Task Every_figure_translates_for_every_kind_of_audience(string role, OrganisationKind kind, int? town, DepartmentKind? department)
    {
        var actor = new Actor("u", "某人", new HashSet<string> { role }, town ?? 2, kind, town, department);

        var wall = await _queries.ReadAsync(actor, WallPeriod.ThisMonth);

        Assert.Equal(0, wall.Totals.Open);
        Assert.Equal(Duration.None, wall.TownResponses[0].Arrive);
        Assert.Equal(WallQueries.TrendMonths, wall.Trend.Count);
    }

    [Fact]
    public async Task Percentiles_are_window_functions_over_the_audiences_query_with_a_sql_server_interval()
    {
        await _queries.ReadAsync(new Actor("u", "王海涛", new HashSet<string> { Roles.TownOfficer }, 14, OrganisationKind.TownUnion, 14, null), WallPeriod.ThisMonth);

        var percentiles = _server.Commands.Where(c => c.Contains("ROW_NUMBER()", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, percentiles.Count);
        Assert.All(percentiles, sql =>
        {
            Assert.StartsWith("WITH d (g, s, e) AS (", sql, StringComparison.Ordinal);
            Assert.Contains("DATEDIFF_BIG(SECOND, s, e)", sql, StringComparison.Ordinal);
            Assert.Contains("[i].[TownId] = @", sql, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(_server.Commands, c => c.Contains("julianday", StringComparison.Ordinal));
    }
}
