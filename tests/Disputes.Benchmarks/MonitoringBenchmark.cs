using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Benchmarks;

/// <summary>
/// The monitoring wall at a city's scale, on the real app stack in process (DI, SQLite, the system clock): a fresh SQLite
/// file gets <see cref="CityHistory"/> (by default 100,000 incidents over three years and 2,000 open), then
/// <list type="bullet">
/// <item><c>wall_render_p95_ms</c>: the server's time to compute one whole wall (a city leader's, this month);</item>
/// <item><c>board_page_p95_ms</c>: one filtered, sorted page of the board, for a mix of the filters the wall links to;</item>
/// <item><c>export_10k_ms</c> and <c>bulletin_month_ms</c>: the case list's 10,000 rows to .xlsx and the busiest month's
/// bulletin to .docx, measured by <see cref="ReportsBenchmark.MeasureAsync(IServiceProvider)"/> on the same city;</item>
/// <item><c>wall_live_p95_ms</c>: from a command that logs an incident to each of 50 open walls (45 city-wide, 5 of the town)
/// holding the new open count.</item>
/// </list>
/// </summary>
public static class MonitoringBenchmark
{
    private const int Walls = 50;
    private const int TownWalls = 5;

    /// <param name="keep">Leave the SQLite file behind (its folder is printed), to look into it.</param>
    /// <param name="database">A file an earlier run kept: measured again as it is, without seeding (and kept).</param>
    public static async Task<int> RunAsync(int historical, int open, int samples, bool keep = false, string? database = null)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DISPUTES_WEB", Path.Combine(BenchmarkApp.RepositoryRoot(), "src", "Disputes.Web"));
        var directory = database is null ? Path.Combine(Path.GetTempPath(), "disputes-bench", Guid.NewGuid().ToString("N")) : Path.GetDirectoryName(Path.GetFullPath(database))!;
        keep |= database is not null;
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("ConnectionStrings:Disputes", $"Data Source={database ?? Path.Combine(directory, "disputes.db")}");
                builder.UseSetting("Database:SeedDemoIncidents", "false");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                builder.UseSetting("Logging:LogLevel:Disputes", "Warning");
                builder.UseSetting("Files:Root", Path.Combine(directory, "files"));
            });
            _ = app.Server;
            var services = app.Services;
            var factory = services.GetRequiredService<IDbContextFactory<DisputesDbContext>>();

            if (database is null)
            {
                var seeded = await CityHistory.SeedAsync(factory, DateTime.UtcNow, new CityHistoryOptions(historical, open));
                Console.WriteLine(FormattableString.Invariant(
                    $"seeded incidents={seeded.Incidents} open={seeded.Open} rows={seeded.Rows} in {seeded.Elapsed.TotalSeconds:F1} s, {seeded.Writing.TotalSeconds:F1} s of it writing ({new FileInfo(Path.Combine(directory, "disputes.db")).Length / 1_048_576} MB)"));
            }

            await using var db = await factory.CreateDbContextAsync();
            var leader = await db.ForUserNameAsync("leader");
            var duty = await db.ForUserNameAsync("duty");
            var officer = await db.ForUserNameAsync("zp.officer");
            var render = await RenderAsync(services.GetRequiredService<WallQueries>(), leader, samples);
            var board = await BoardAsync(services.GetRequiredService<BoardQuery>(), duty, officer, samples);
            var live = await LiveAsync(services, leader, officer, Math.Max(10, samples / 2));

            // The reports on the same city: the case list and a month's bulletin, as the reports benchmark measures them.
            var reports = await ReportsBenchmark.MeasureAsync(services);

            Console.WriteLine($"wall_render_p95_ms={Ms(Options.Percentile(render, 95))}");
            Console.WriteLine($"board_page_p95_ms={Ms(Options.Percentile(board, 95))}");
            reports.Print(Console.Out);
            Console.WriteLine($"wall_live_p95_ms={Ms(Options.Percentile(live, 95))}");
            Console.Error.WriteLine($"wall_render_p50_ms={Ms(Options.Percentile(render, 50))} board_page_p50_ms={Ms(Options.Percentile(board, 50))} wall_live_p50_ms={Ms(Options.Percentile(live, 50))}");
            return Options.Percentile(render, 95) <= 200 && Options.Percentile(board, 95) <= 50 && Options.Percentile(live, 95) <= 1000
                && reports.Export10kMs <= 2000 && reports.BulletinMonthMs <= 2000 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep)
            {
                Console.Error.WriteLine($"kept {directory}");
            }

            try
            {
                if (!keep)
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

    /// <summary>The whole wall, as the feed computes it for a city leader this month; the first reads warm the caches.</summary>
    private static async Task<List<double>> RenderAsync(WallQueries queries, Actor leader, int samples)
    {
        for (var i = 0; i < 3; i++)
        {
            await queries.ReadAsync(leader, WallPeriod.ThisMonth);
        }

        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var figures = await queries.ReadAsync(leader, WallPeriod.ThisMonth);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 0)
            {
                Console.Error.WriteLine($"wall: open={figures.Totals.Open} overdue_steps={figures.Overdue.Total} escalations_24h={figures.Escalations.Total} " +
                    $"arrive_median_s={figures.TownResponses[0].Arrive.MedianSeconds} resolve_p90_s={figures.TownResponses[0].Resolve.P90Seconds}");
            }
        }

        return times.Order().ToList();
    }

    /// <summary>Pages the wall's links open: a town's open incidents by wages, last month's logged, an overdue kind, a department's acknowledgements.</summary>
    private static async Task<List<double>> BoardAsync(BoardQuery board, Actor duty, Actor officer, int samples)
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var month = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = (ChinaTime.StartOfDayUtc(month.AddMonths(-1)), ChinaTime.StartOfDayUtc(month));
        (Actor, BoardFilter, BoardSort)[] pages =
        [
            (duty, new BoardFilter { TownId = officer.TownId }, BoardSort.WagesOwed),
            (duty, new BoardFilter { FromUtc = from, ToUtc = to, AnyStage = true }, BoardSort.Reported),
            (duty, new BoardFilter { OverdueOnly = true, OverdueKind = PlanStepKind.ArriveOnScene, AnyStage = true }, BoardSort.Grade),
            (duty, new BoardFilter { On = BoardEvent.Done, Step = PlanStepKind.DepartmentAcknowledges, Department = Domain.Organisations.DepartmentKind.Justice,
                FromUtc = from, ToUtc = to, AnyStage = true }, BoardSort.Reported),
            (officer, new BoardFilter { Grade = SeverityGrade.IV }, BoardSort.Reported),
        ];
        foreach (var (actor, filter, sort) in pages)
        {
            await board.PageAsync(actor, filter, sort, true, 0, 20);
        }

        var times = new List<double>();
        var perPage = pages.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < samples; i++)
        {
            var (actor, filter, sort) = pages[i % pages.Length];
            var watch = Stopwatch.StartNew();
            await board.PageAsync(actor, filter, sort, true, 0, 20);
            times.Add(watch.Elapsed.TotalMilliseconds);
            perPage[i % pages.Length].Add(watch.Elapsed.TotalMilliseconds);
        }

        for (var p = 0; p < pages.Length; p++)
        {
            Console.Error.WriteLine($"board page {p + 1} {pages[p].Item2.Href()} sort={pages[p].Item3}: median {Ms(Options.Percentile(perPage[p].Order().ToList(), 50))} ms");
        }

        return times.Order().ToList();
    }

    /// <summary>
    /// Fifty open walls (the duty room's and the leaders' city-wide ones, Zhangpu's own) and a Zhangpu officer logging an
    /// incident: for each wall, the time from the command to the wall receiving figures with the new open count.
    /// </summary>
    private static async Task<List<double>> LiveAsync(IServiceProvider services, Actor leader, Actor officer, int changes)
    {
        var feed = services.GetRequiredService<WallFeed>();
        var commands = services.GetRequiredService<IncidentCommands>();
        await using var db = await services.GetRequiredService<IDbContextFactory<DisputesDbContext>>().CreateDbContextAsync();
        var enterprise = await db.Enterprises.Where(e => e.TownId == officer.TownId).Select(e => e.Id).FirstAsync();
        var chair = await db.ForUserNameAsync("zp.chair");

        var expected = new int[Walls];
        var waiting = new ConcurrentDictionary<int, TaskCompletionSource<long>>();
        var subscriptions = new List<IWallSubscription>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Walls; i++)
        {
            var wall = i;
            var subscription = feed.Subscribe(wall < Walls - TownWalls ? leader : chair, WallPeriod.ThisMonth, figures =>
            {
                if (figures.Totals.Open >= Volatile.Read(ref expected[wall]) && waiting.TryGetValue(wall, out var done))
                {
                    done.TrySetResult(watch.ElapsedTicks);
                }

                return Task.CompletedTask;
            });
            subscriptions.Add(subscription);
        }

        var current = new int[Walls];
        for (var i = 0; i < Walls; i++)
        {
            current[i] = (await subscriptions[i].CurrentAsync()).Totals.Open;
        }

        var times = new List<double>();
        for (var change = 0; change < changes; change++)
        {
            for (var i = 0; i < Walls; i++)
            {
                waiting[i] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref expected[i], current[i] + 1);
            }

            var started = watch.ElapsedTicks;
            var result = await commands.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterprise, null, IncidentType.WageArrears, 12,
                Money.FromYuan(50_000m), 2, "厂区门口", AggravatingFacts.None, "基准测试", null));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ErrorCode);
            }

            var all = Task.WhenAll(waiting.Values.Select(w => w.Task));
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) != all)
            {
                throw new TimeoutException($"{waiting.Values.Count(w => !w.Task.IsCompleted)} walls never showed change {change}.");
            }

            foreach (var ticks in await all)
            {
                times.Add((ticks - started) * 1000.0 / Stopwatch.Frequency);
            }

            for (var i = 0; i < Walls; i++)
            {
                current[i]++;
            }

            // The next change comes after the walls' minimum interval, as separate commits a second apart would.
            await Task.Delay(WallFeed.MinimumInterval);
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        return times.Order().ToList();
    }

    private static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
