using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Disputes.Data;
using Disputes.Data.Seeding;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Disputes.Benchmarks;

/// <summary>
/// Issue 5's benchmark: N hub clients (the duty officer's, so every change concerns them), M committed changes.
/// Latency runs from the moment the change is committed and published to each client's receipt, on one
/// Stopwatch. The floor is a bare SignalR hub in the same process broadcasting a timestamp to the same number
/// of clients, with no application logic.
/// </summary>
public static class Fanout
{
    public static async Task<int> RunAsync(int clients, int changes)
    {
        Console.WriteLine($"fanout: {clients} clients, {changes} changes, {Environment.ProcessorCount} cores");
        var floor = await FloorAsync(clients, changes);
        var (latencies, lost) = await AppAsync(clients, changes);

        Console.WriteLine($"fanout_p50_ms={Format(Options.Percentile(latencies, 50))}");
        Console.WriteLine($"fanout_p95_ms={Format(Options.Percentile(latencies, 95))}");
        Console.WriteLine($"fanout_max_ms={Format(latencies.Count == 0 ? double.NaN : latencies[^1])}");
        Console.WriteLine($"fanout_lost={lost}");
        Console.WriteLine($"broadcast_floor_p50_ms={Format(Options.Percentile(floor, 50))}");
        Console.WriteLine($"broadcast_floor_p95_ms={Format(Options.Percentile(floor, 95))}");
        Console.WriteLine($"fanout_to_floor_p95_ratio={Format(Options.Percentile(latencies, 95) / Options.Percentile(floor, 95))}");
        return lost == 0 ? 0 : 1;
    }

    private static async Task<(List<double> Latencies, int Lost)> AppAsync(int clients, int changes)
    {
        await using var app = new BenchmarkApp();
        var events = app.Services.GetRequiredService<IncidentEvents>();
        var published = new ConcurrentDictionary<string, long>();
        using var tap = events.Subscribe(change =>
        {
            published.TryAdd(change.Number, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });

        var http = new HttpClient { BaseAddress = app.Address };
        var token = await http.PostAsJsonAsync("/account/token", new { userName = "duty", password = DemoData.Password });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!;

        var received = new ConcurrentBag<(string Number, long At)>();
        var connections = await ConnectAsync(clients, () => new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, IncidentsHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build(), c => c.On<IncidentChangeMessage>(IncidentsHub.IncidentChanged, m => received.Add((m.Number, Stopwatch.GetTimestamp()))));

        var service = app.Services.GetRequiredService<IncidentCommands>();
        var officer = await ActorAsync(app, "zp.officer");
        var enterprise = await WithDb(app, db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        for (var i = 0; i < changes; i++)
        {
            var result = await service.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterprise, null, IncidentType.WageArrears,
                10, Money.FromYuan(1000), 1, "厂区", AggravatingFacts.None, "benchmark", null));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.ErrorCode);
            }

            await Task.Delay(20);
        }

        await WaitForAsync(() => received.Count >= clients * changes, TimeSpan.FromSeconds(15));
        var latencies = received.Where(r => published.ContainsKey(r.Number))
            .Select(r => Stopwatch.GetElapsedTime(published[r.Number], r.At).TotalMilliseconds).Order().ToList();
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return (latencies, clients * changes - received.Count);
    }

    private static async Task<List<double>> FloorAsync(int clients, int changes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        await using var floor = builder.Build();
        floor.MapHub<FloorHub>("/floor");
        await floor.StartAsync();
        var address = new Uri(floor.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var received = new ConcurrentBag<(int Sequence, long At)>();
        var connections = await ConnectAsync(clients, () => new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/floor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build(), c => c.On<int>("tick", s => received.Add((s, Stopwatch.GetTimestamp()))));

        var hub = floor.Services.GetRequiredService<IHubContext<FloorHub>>();
        var sent = new long[changes];
        for (var i = 0; i < changes; i++)
        {
            sent[i] = Stopwatch.GetTimestamp();
            await hub.Clients.All.SendAsync("tick", i);
            await Task.Delay(20);
        }

        await WaitForAsync(() => received.Count >= clients * changes, TimeSpan.FromSeconds(15));
        var latencies = received.Select(r => Stopwatch.GetElapsedTime(sent[r.Sequence], r.At).TotalMilliseconds).Order().ToList();
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await floor.StopAsync();
        return latencies;
    }

    private static async Task<List<HubConnection>> ConnectAsync(int count, Func<HubConnection> create, Action<HubConnection> listen)
    {
        var connections = new List<HubConnection>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            var started = batch.Select(_ =>
            {
                var connection = create();
                listen(connection);
                connections.Add(connection);
                return connection.StartAsync();
            }).ToList();
            await Task.WhenAll(started);
        }

        return connections;
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done() && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }

    private static Task<T> WithDb<T>(BenchmarkApp app, Func<DisputesDbContext, Task<T>> query) =>
        Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<DisputesDbContext>());
        });

    private static Task<Actor> ActorAsync(BenchmarkApp app, string userName) => WithDb(app, db => db.ForUserNameAsync(userName));

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private sealed class FloorHub : Hub;
}
