using System.Diagnostics;
using System.Globalization;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Benchmarks;

/// <summary>
/// Escalation lag on the real app stack (DI, Hangfire in-memory with its 1 s polling, SQLite, the system clock): steps
/// logged through the incident service are given due times spread over one minute and scheduled the way the service
/// schedules them after a save; then every level-1 escalation's write time is compared with its due time.
/// </summary>
public static class EscalationBenchmark
{
    public static async Task<int> RunAsync(int stepCount, TimeSpan window)
    {
        // WebApplicationFactory finds a test project's web app by itself; a console harness names the folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DISPUTES_WEB", Path.Combine(RepositoryRoot(), "src", "Disputes.Web"));
        var directory = Path.Combine(Path.GetTempPath(), "disputes-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("ConnectionStrings:Disputes", $"Data Source={Path.Combine(directory, "disputes.db")}");
                builder.UseSetting("Database:SeedDemoIncidents", "false");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                builder.UseSetting("Logging:LogLevel:Disputes", "Warning");
            });
            _ = app.Server;
            var services = app.Services;
            var factory = services.GetRequiredService<IDbContextFactory<DisputesDbContext>>();

            var setup = Stopwatch.StartNew();
            var stepIds = await LogIncidentsAsync(services, factory, stepCount);
            Console.WriteLine($"logged {stepIds.Count} steps in {setup.Elapsed.TotalSeconds:F1} s");

            // Due times spread at random over one minute, starting once everything is scheduled.
            var random = new Random(20260310);
            var start = DateTime.UtcNow.AddSeconds(15);
            var due = stepIds.ToDictionary(id => id, _ => start + TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds));
            await using (var db = await factory.CreateDbContextAsync())
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                foreach (var (id, at) in due)
                {
                    await db.PlanSteps.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueAtUtc, at));
                }

                await transaction.CommitAsync();
            }

            var scheduler = services.GetRequiredService<EscalationScheduler>();
            foreach (var (id, at) in due)
            {
                scheduler.Schedule(id, at);
            }

            Console.WriteLine($"scheduled; due from {start:HH:mm:ss.fff} over {window.TotalSeconds:F0} s (UTC)");
            var end = due.Values.Max();
            while (DateTime.UtcNow < end.AddSeconds(5) || await CountAsync(factory, stepIds) < stepIds.Count && DateTime.UtcNow < end.AddSeconds(90))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            return await ReportAsync(factory, due);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp clean-up.
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Disputes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run from within the repository: Disputes.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Grade IV wage-arrears incidents at 科家 until there are enough open steps; the rest of each incident's steps stay far off.</summary>
    private static async Task<List<Guid>> LogIncidentsAsync(IServiceProvider services, IDbContextFactory<DisputesDbContext> factory, int stepCount)
    {
        var incidents = services.GetRequiredService<IncidentCommands>();
        await using var db = await factory.CreateDbContextAsync();
        var officer = await db.ForUserNameAsync("zp.officer");
        var enterpriseId = await db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync();
        var steps = new List<Guid>();
        while (steps.Count < stepCount)
        {
            var result = await incidents.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, IncidentType.WageArrears, 12,
                Money.FromYuan(50_000m), 2, "厂区门口", AggravatingFacts.None, "基准测试", null));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ErrorCode);
            }

            steps.AddRange(await db.Incidents.AsNoTracking().Where(i => i.Number == result.Number).SelectMany(i => i.Steps).Select(s => s.Id).ToListAsync());
        }

        return steps.Take(stepCount).ToList();
    }

    private static async Task<int> CountAsync(IDbContextFactory<DisputesDbContext> factory, List<Guid> stepIds)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Escalations.CountAsync(e => e.Level == 1 && e.StepId != null && stepIds.Contains(e.StepId.Value));
    }

    private static async Task<int> ReportAsync(IDbContextFactory<DisputesDbContext> factory, Dictionary<Guid, DateTime> due)
    {
        await using var db = await factory.CreateDbContextAsync();
        var ids = due.Keys.ToList();
        var written = await db.Escalations.AsNoTracking()
            .Where(e => e.Level == 1 && e.StepId != null && ids.Contains(e.StepId.Value))
            .Select(e => new { StepId = e.StepId!.Value, e.EscalatedAtUtc })
            .ToListAsync();

        // A second write would show on the timeline even if the escalation table refused it.
        var entries = (await db.TimelineEntries.AsNoTracking().Where(t => t.Kind == TimelineKind.Escalated)
            .Select(t => new { IncidentId = EF.Property<int>(t, "IncidentId"), t.Payload }).ToListAsync())
            .Select(t => (t.IncidentId, Event: (IncidentEvent.Escalated)IncidentEvent.FromJson(t.Payload))).Where(t => t.Event.Level == 1).ToList();
        var stepIncident = await db.PlanSteps.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, IncidentId = EF.Property<int>(s, "IncidentId"), s.Kind, s.Department }).ToListAsync();
        var timelinePerStep = stepIncident.ToDictionary(s => s.Id,
            s => entries.Count(t => t.IncidentId == s.IncidentId && t.Event.Step is { } step && step.Kind == s.Kind && step.Department == s.Department));

        var lags = written.Select(w => (w.EscalatedAtUtc - due[w.StepId]).TotalMilliseconds).Order().ToList();
        var early = lags.Count(l => l < 0);
        var duplicated = written.GroupBy(w => w.StepId).Sum(g => g.Count() - 1) + timelinePerStep.Values.Sum(c => Math.Max(0, c - 1));
        var missed = due.Keys.Count(id => written.All(w => w.StepId != id));

        static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
        double Percentile(double p) => lags.Count == 0 ? double.NaN : lags[Math.Clamp((int)Math.Ceiling(p * lags.Count) - 1, 0, lags.Count - 1)];
        Console.WriteLine($"steps={due.Count} escalated={written.Count} storage=in-memory polling=1s lead={EscalationScheduler.JobLead.TotalSeconds:F0}s");
        Console.WriteLine($"escalation_lag_p50_ms={Ms(Percentile(0.50))}");
        Console.WriteLine($"escalation_lag_p95_ms={Ms(Percentile(0.95))}");
        Console.WriteLine($"escalation_lag_max_ms={Ms(lags.Count == 0 ? double.NaN : lags[^1])}");
        Console.WriteLine($"escalations_early={early}");
        Console.WriteLine($"escalations_duplicated={duplicated}");
        Console.WriteLine($"escalations_missed={missed}");
        return early == 0 && duplicated == 0 && missed == 0 && Percentile(0.95) <= 500 ? 0 : 1;
    }
}
