using System.Diagnostics;
using System.Globalization;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Features.Reports;
using Disputes.Web.Resources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Disputes.Benchmarks;

/// <summary>The reports' two figures, in milliseconds, and what they measured.</summary>
public sealed record ReportFigures(double Export10kMs, int ExportRows, double BulletinMonthMs, string BulletinMonth, int BulletinParagraphs, int BulletinBytes)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"export_10k_ms={Export10kMs:F0}");
        output.WriteLine($"bulletin_month_ms={BulletinMonthMs:F0}");
    }
}

/// <summary>
/// The reports on a seeded database, through the app's own services as the duty officer (who sees the whole city):
/// <c>export_10k_ms</c> — the board's case list, 10,000 rows, to .xlsx (query, write, export log), target ≤ 2,000;
/// <c>bulletin_month_ms</c> — the busiest month's bulletin: composed (figures, candidates, a paragraph per grade I–III
/// incident from its history), issued and written as .docx, target ≤ 2,000. Each is run three times after a warm-up; the
/// median is printed.
/// </summary>
public static class ReportsBenchmark
{
    private const int ExportRows = 10_000;
    private const int Runs = 3;

    /// <summary>
    /// `reports`: seeds its own SQLite file with <paramref name="incidents"/> historical incidents, then measures. With
    /// <paramref name="database"/>, the file is kept there, and a file already there is measured as it is (seeded by an
    /// earlier run or by another command).
    /// </summary>
    public static async Task<int> RunAsync(int incidents, string? database)
    {
        var directory = Path.Combine(Path.GetTempPath(), "disputes-bench", Guid.NewGuid().ToString("N"));
        var path = database is null ? Path.Combine(directory, "disputes.db") : Path.GetFullPath(database);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var seeded = File.Exists(path);
            await using var app = App($"Data Source={path}");
            if (!seeded)
            {
                var seeding = Stopwatch.StartNew();
                await SeedAsync(app.Services.GetRequiredService<IDbContextFactory<DisputesDbContext>>(), incidents);
                Console.Error.WriteLine($"seeded {incidents} incidents in {seeding.Elapsed.TotalSeconds:F1} s into {path}");
            }

            var figures = await MeasureAsync(app.Services);
            figures.Print(Console.Out);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                if (database is null)
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // Left for the OS's temp clean-up.
            }
        }
    }

    /// <summary>Measures on a database another command seeded (a SQLite connection string), through an app started on it.</summary>
    public static async Task<ReportFigures> MeasureAsync(string connectionString)
    {
        await using var app = App(connectionString);
        return await MeasureAsync(app.Services);
    }

    /// <summary>Measures through a running app's services (its database seeded already); prints the steps on stderr.</summary>
    public static async Task<ReportFigures> MeasureAsync(IServiceProvider services)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var dbFactory = services.GetRequiredService<IDbContextFactory<DisputesDbContext>>();
        Actor duty;
        List<DateTime> logged;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            duty = await db.ForUserNameAsync("duty");
            logged = await db.Incidents.AsNoTracking().Select(i => i.ReportedAtUtc).ToListAsync();
        }

        var exports = services.GetRequiredService<Exports>();
        var everything = new BoardFilter { AnyStage = true };
        await exports.CasesAsync(duty, everything with { Search = "warm-up" }, ExportFormat.Xlsx);
        var exportRows = 0;
        var export = await TimeAsync("export", async () => exportRows = (await exports.CasesAsync(duty, everything, ExportFormat.Xlsx, ExportRows)).Rows);
        var board = services.GetRequiredService<BoardQuery>();
        await TimeAsync("  of which the board's query", () => board.AllAsync(duty, everything, ExportRows));

        var busiest = logged.Select(t => DateOnly.FromDateTime(ChinaTime.FromUtc(t))).GroupBy(d => (d.Year, d.Month))
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault((DateTime.UtcNow.Year, DateTime.UtcNow.Month));
        var month = ReportPeriod.MonthOf(new DateOnly(busiest.Year, busiest.Month, 1));
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(DateTime.UtcNow));
        if (month.To > today)
        {
            month = month with { To = today };
        }

        var composer = services.GetRequiredService<BulletinComposer>();
        var issuing = services.GetRequiredService<BulletinIssuing>();
        var queries = services.GetRequiredService<BulletinQueries>();
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        int zhangpu;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            zhangpu = await db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync();
        }

        var (paragraphs, bytes) = (0, 0);
        async Task BulletinAsync(ReportPeriod period)
        {
            var step = Stopwatch.StartNew();
            var draft = await composer.ComposeAsync(duty, "工作简报", period);
            var composed = step.Elapsed.TotalMilliseconds;
            var issued = await issuing.IssueAsync(duty, new IssueBulletin(draft.Name, draft.Period, draft.Culture, draft.Paragraphs(), [], [zhangpu]));
            if (!issued.Succeeded)
            {
                throw new InvalidOperationException($"The bulletin was not issued: {issued.ErrorCode}.");
            }

            var stored = step.Elapsed.TotalMilliseconds;
            var bulletin = (await queries.FindAsync(issued.Year, issued.Number))!;
            (paragraphs, bytes) = (bulletin.Paragraphs.Count, BulletinDocument.Write(bulletin, BulletinText.Of(bulletin, localizer)).Length);
            Console.Error.WriteLine($"  bulletin {period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}: composed {composed:F0} ms, issued {stored - composed:F0} ms, " +
                $"written {step.Elapsed.TotalMilliseconds - stored:F0} ms");
        }

        await BulletinAsync(new ReportPeriod(today, today));
        var bulletinMs = await TimeAsync("bulletin", () => BulletinAsync(month));
        Console.Error.WriteLine($"export: {exportRows} rows; bulletin: {month.From:yyyy-MM}, {paragraphs} paragraphs, {bytes / 1024} KiB");
        return new ReportFigures(export, exportRows, bulletinMs, $"{month.From:yyyy-MM}", paragraphs, bytes);
    }

    /// <summary>
    /// A minimal history to measure on: <paramref name="count"/> incidents over the last year across the eleven towns, in the
    /// grades' proportions a city sees; each arrived, reported upward, resolved, closed and visited, every step a real aggregate
    /// method, so the timeline holds what the bulletin tells. None is left open: the monitoring command seeds the open ones.
    /// </summary>
    public static async Task SeedAsync(IDbContextFactory<DisputesDbContext> dbFactory, int count)
    {
        const int batch = 1_000;
        var random = new Random(20261202);
        var now = DateTime.UtcNow;
        Actor duty;
        List<(int Id, string Code)> towns;
        List<(int Id, Domain.Enterprises.Ownership Ownership)> enterprises;
        Domain.Playbooks.Playbook playbook;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            duty = await db.ForUserNameAsync("duty");
            towns = (await db.Organisations.AsNoTracking().Where(o => o.Kind == Domain.Organisations.OrganisationKind.TownUnion).OrderBy(o => o.Id)
                .Select(o => new { o.Id, o.Code }).ToListAsync()).Select(t => (t.Id, t.Code)).ToList();
            enterprises = (await db.Enterprises.AsNoTracking().Select(e => new { e.Id, e.Ownership }).ToListAsync()).Select(e => (e.Id, e.Ownership)).ToList();
            playbook = await db.Playbooks.AsNoTracking().SingleAsync();
        }

        var sequences = new Dictionary<(int Town, int Year), int>();
        for (var done = 0; done < count; done += batch)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var _ in Enumerable.Range(0, Math.Min(batch, count - done)))
            {
                var town = towns[random.Next(towns.Count)];
                var enterprise = enterprises[random.Next(enterprises.Count)];
                // At least 45 days ago: closed, and visited after closing, so no step is left for the escalation sweep to chase
                // while the reports are measured.
                var loggedAt = now - TimeSpan.FromMinutes(random.Next(45 * 24 * 60, 365 * 24 * 60));
                var year = ChinaTime.FromUtc(loggedAt).Year;
                var sequence = sequences[(town.Id, year)] = sequences.GetValueOrDefault((town.Id, year)) + 1;
                var workers = random.NextDouble() switch { < 0.03 => 320, < 0.15 => 120, < 0.40 => 40, _ => 12 };
                var report = new IncidentReport(enterprise.Id, enterprise.Ownership, (IncidentType)random.Next(8), workers,
                    Money.FromYuan(workers * 9_000m), 2, "厂区门口", AggravatingFacts.None, "职工反映企业拖欠工资。");
                var incident = Incident.Log(new IncidentNumber(town.Code, year, sequence), town.Id, report, duty, playbook, loggedAt);
                var arrived = loggedAt.AddMinutes(random.Next(5, 90));
                incident.ConfirmArrival(duty, arrived, arrived);
                incident.ReportUpward(duty, "已电话报告市总工会。", arrived.AddMinutes(random.Next(1, 30)));
                var resolved = loggedAt.AddDays(random.Next(1, 12));
                incident.Move(duty, IncidentAction.BeginResolving, resolved);
                incident.Move(duty, IncidentAction.Resolve, resolved);
                var closing = resolved.AddHours(2);
                incident.Close(duty, new Closure("职工工资已全额支付。", "无", "第一时间到场，联动处置。",
                    DateOnly.FromDateTime(ChinaTime.FromUtc(closing)).AddDays(30), report.WagesOwed), closing);
                incident.CompleteFollowUp(duty, wagesPaid: true, workersSettled: true, "工资已付清，职工已返岗。", closing.AddDays(30));

                incident.ClearRaised();
                db.Incidents.Add(incident);
            }

            await db.SaveChangesAsync();
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.IncidentNumberCounters.AddRange(sequences.Select(s => new IncidentNumberCounter { TownId = s.Key.Town, Year = s.Key.Year, Last = s.Value }));
            await db.SaveChangesAsync();
        }
    }

    private static async Task<double> TimeAsync(string name, Func<Task> run)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await run();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.Error.WriteLine($"{name}: {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
        return times.Order().ElementAt(Runs / 2);
    }

    private static WebApplicationFactory<Program> App(string connectionString)
    {
        // WebApplicationFactory finds a test project's web app by itself; a console harness names the folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DISPUTES_WEB", Path.Combine(BenchmarkApp.RepositoryRoot(), "src", "Disputes.Web"));
        var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Disputes", connectionString);
            builder.UseSetting("Database:SeedDemoIncidents", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = app.Server;
        return app;
    }
}
