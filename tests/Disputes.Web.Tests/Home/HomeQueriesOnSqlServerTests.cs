using System.Data;
using System.Data.Common;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Home;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Disputes.Web.Tests.Home;

/// <summary>
/// Every home query goes through SQL Server's translation, so none needs what SQLite alone allows. There is no server
/// here: the connection is never opened, and each command is kept and answered with no rows (a count with 0).
/// </summary>
public sealed class HomeQueriesOnSqlServerTests
{
    private readonly NoServer _server = new();
    private readonly HomeQueries _queries;

    public HomeQueriesOnSqlServerTests()
    {
        // Without the app's retrying strategy, which buffers results and so would want the columns of each answer.
        var options = new DbContextOptionsBuilder<DisputesDbContext>()
            .UseSqlServer("Server=(none);Database=Disputes;Integrated Security=true;TrustServerCertificate=true")
            .AddInterceptors(_server)
            .Options;
        _queries = new HomeQueries(new Factory(options), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_towns_lists_translate()
    {
        var town = await _queries.TownAsync(new Actor("u", "王海涛", Set(Roles.TownOfficer), 7, OrganisationKind.TownUnion, 7, null));

        Assert.Equal(0, town.Total);
        Assert.Equal(3, _server.Commands.Count);
    }

    [Fact]
    public async Task A_liaisons_lists_translate()
    {
        var work = await _queries.LiaisonAsync(new Actor("u", "李娜", Set(Roles.DepartmentLiaison), 20, OrganisationKind.Department, null, DepartmentKind.LaborInspection));

        Assert.Empty(work.Tasks.Items);
        Assert.Equal(4, _server.Commands.Count);
    }

    [Fact]
    public async Task The_duty_officers_lists_translate()
    {
        var city = new Actor("u", "赵强", Set(Roles.FederationDutyOfficer, Roles.CityLeader), 1, OrganisationKind.CityFederation, null, null);

        var duty = await _queries.DutyAsync(city);

        Assert.Empty(duty.Overdue.Items);
        Assert.Equal(4, _server.Commands.Count);
    }

    private static HashSet<string> Set(params string[] roles) => [.. roles];

    private sealed class Factory(DbContextOptions<DisputesDbContext> options) : IDbContextFactory<DisputesDbContext>
    {
        public DisputesDbContext CreateDbContext() => new(options);
    }

    private sealed class NoServer : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<string> Commands { get; } = [];

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            var rows = new DataTable();
            if (command.CommandText.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal))
            {
                rows.Columns.Add("count", typeof(int));
                rows.Rows.Add(0);
            }

            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(rows.CreateDataReader()));
        }
    }
}
