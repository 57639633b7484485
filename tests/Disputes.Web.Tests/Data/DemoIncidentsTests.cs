using Disputes.Data.Seeding;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Data;

/// <summary>The demo city a new user gets from the run command: the bulletin's Zhangpu incidents, numbered like any other.</summary>
public sealed class DemoIncidentsTests : IDisposable
{
    private readonly DisputesAppFactory _base = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public DemoIncidentsTests() =>
        _app = _base.WithWebHostBuilder(b => b.UseSetting("Database:SeedDemoIncidents", "true"));

    [Fact]
    public async Task The_bulletins_incidents_are_seeded_once_and_numbering_carries_on_after_them()
    {
        var year = ChinaTime.Now(_base.Clock).Year;
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Disputes.Data.DisputesDbContext>();

        var numbers = await db.Incidents.OrderBy(i => i.Sequence).Select(i => i.Number).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<DisputesSeeder>().SeedDemoIncidentsAsync();

        Assert.Equal([$"ZP-{year}-0001", $"ZP-{year}-0002", $"ZP-{year}-0003"], numbers);
        Assert.Equal(3, await db.Incidents.CountAsync());
        Assert.True(await db.PlanSteps.AnyAsync(s => s.CompletedAtUtc == null && s.DueAtUtc < _base.Clock.GetUtcNow().UtcDateTime),
            "Logged hours ago, the demo has overdue steps to show.");

        var officer = await Actors.ForAsync(_base, "zp.officer");
        var enterprise = await db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync();
        var next = await _app.Services.GetRequiredService<IncidentCommands>().LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterprise, null,
            IncidentType.WageArrears, 10, Money.FromYuan(5000), 1, "厂区", AggravatingFacts.None, "", null));
        Assert.Equal($"ZP-{year}-0004", next.Number);
    }

    public void Dispose()
    {
        _app.Dispose();
        _base.Dispose();
    }
}
