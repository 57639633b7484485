using System.Text.Json;
using Disputes.Data;
using Disputes.Data.Seeding;
using Disputes.Domain.Incidents;
using Disputes.Domain.Playbooks;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Admin;

/// <summary>Start-up keeps the plan in force as version 1 exactly once: on a new database and on one from before versions were kept.</summary>
public sealed class PlaybookVersionSeedTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_new_database_keeps_the_default_plan_as_version_one_and_seeding_again_adds_no_version()
    {
        app.CreateClient();

        await SeedAgainAsync(app);

        var version = Assert.Single(await app.WithDbAsync(db => db.PlaybookVersions.AsNoTracking().ToListAsync()));
        var playbook = await app.WithDbAsync(db => db.Playbooks.AsNoTracking().SingleAsync());
        Assert.Equal((1, 1, "system"), (playbook.Version, version.Version, version.SavedBy));
        Assert.Equal(PlaybookSnapshot.Of(Playbook.Default(version.SavedAtUtc)).ToJson(), version.Snapshot);
    }

    [Fact]
    public async Task A_database_from_before_versions_keeps_its_edited_plan_as_version_one_once()
    {
        using var upgraded = new DisputesAppFactory();
        var editedAt = new DateTime(2026, 11, 20, 1, 30, 0, DateTimeKind.Utc);
        await CreateDatabaseBeforeVersionsAsync(upgraded.DatabasePath, editedAt);

        upgraded.CreateClient();
        await SeedAgainAsync(upgraded);

        var playbook = await upgraded.WithDbAsync(db => db.Playbooks.AsNoTracking().SingleAsync());
        var version = Assert.Single(await upgraded.WithDbAsync(db => db.PlaybookVersions.AsNoTracking().ToListAsync()));
        Assert.Equal((1, 1), (playbook.Version, version.Version));
        Assert.Equal(("老管理员", editedAt), (version.SavedBy, version.SavedAtUtc));
        Assert.Equal(TimeSpan.FromMinutes(75), playbook.DurationOf(PlanStepKind.ArriveOnScene, GradeBand.Minor));
        Assert.Contains(new PlaybookSnapshot.Duration(PlanStepKind.ArriveOnScene, GradeBand.Minor, 75), version.ReadSnapshot().Durations);
        Assert.Equal(40, version.ReadSnapshot().Grading.WorkersForGradeIII);
    }

    private static async Task SeedAgainAsync(DisputesAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DisputesSeeder>().SeedReferenceDataAsync();
    }

    /// <summary>Migrated as released before versions were kept, with an edited plan written as that schema held it.</summary>
    private static async Task CreateDatabaseBeforeVersionsAsync(string path, DateTime editedAt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var db = new DisputesDbContext(DatabaseProviderExtensions.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={path}"));
        // The last migration released before versions were kept; the one adding them may be renamed or merged.
        await db.GetService<IMigrator>().MigrateAsync("DataProtectionKeys");

        var plan = Playbook.Default(editedAt);
        var durations = JsonSerializer.Serialize(plan.Durations.Select(d => new
        {
            d.Minutes,
            Kind = d.Kind.ToString(),
            Band = d.Band.ToString(),
        }).Select(d => d.Kind == nameof(PlanStepKind.ArriveOnScene) && d.Band == nameof(GradeBand.Minor) ? d with { Minutes = 75 } : d));
        var requirements = JsonSerializer.Serialize(plan.Requirements.Select(r => new { Type = r.Type.ToString(), Department = r.Department.ToString() }));
        var grading = JsonSerializer.Serialize(new
        {
            plan.Grading.WorkersForGradeI,
            plan.Grading.WorkersForGradeII,
            WorkersForGradeIII = 40,
            plan.Grading.WagesFenForGradeI,
            plan.Grading.WagesFenForGradeII,
            plan.Grading.WagesFenForGradeIII,
        });
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Playbooks (Level2AfterMinutes, Level3AfterMinutes, UpdatedAtUtc, UpdatedBy, Durations, Grading, Requirements)
            VALUES (30, 60, {editedAt}, '老管理员', {durations}, {grading}, {requirements})
            """);
    }
}
