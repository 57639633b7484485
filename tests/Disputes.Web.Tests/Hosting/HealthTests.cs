using System.Net;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Hosting;

public sealed class HealthTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task Ready_reports_healthy_when_the_database_answers()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_answers_without_signing_in()
    {
        var response = await app.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_database_file_is_created_migrated_and_seeded_at_start()
    {
        app.CreateClient();

        Assert.True(File.Exists(app.DatabasePath));
        var pending = await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());
        Assert.Empty(pending);
        var towns = await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.Kind == Domain.Organisations.OrganisationKind.TownUnion));
        Assert.Equal(11, towns);
    }
}
