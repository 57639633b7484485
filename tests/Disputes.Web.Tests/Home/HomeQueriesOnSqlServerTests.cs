using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Home;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Disputes.Web.Tests.Home;

/// <summary>Every home query goes through SQL Server's translation (<see cref="NoSqlServer"/>), so none needs what SQLite alone allows.</summary>
public sealed class HomeQueriesOnSqlServerTests
{
    private readonly NoSqlServer _server = new();
    private readonly HomeQueries _queries;

    public HomeQueriesOnSqlServerTests()
    {
        _queries = new HomeQueries(_server.Factory(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero)));
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
}
