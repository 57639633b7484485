using System.Diagnostics;
using Bunit;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Components;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>The walls kept live on the real app: what a committed change costs, and who hears of it.</summary>
public sealed class WallFeedTests : MudBlazorContext, IClassFixture<DisputesAppFactory>
{
    private readonly DisputesAppFactory _app;

    public WallFeedTests(DisputesAppFactory app)
    {
        _app = app;
        _ = app.Server;
        Services.AddSingleton(app.Services.GetRequiredService<WallFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<IncidentNarrator>());
        Services.AddSingleton<TimeProvider>(app.Clock);
        Services.AddScoped<ReconnectNotifier>();
    }

    private WallFeed Feed => _app.Services.GetRequiredService<WallFeed>();

    [Fact]
    public async Task A_hundred_changes_at_once_cost_one_recomputation_per_wall_and_a_wall_that_sees_none_of_them_none()
    {
        var city = await WallAsync("leader");
        var yushan = await WallAsync("ys.officer");
        var zhangpu = await WallAsync("zp.officer");
        var before = (city.Version, yushan.Version, zhangpu.Version);

        var events = _app.Services.GetRequiredService<IncidentEvents>();
        var yushanTown = (await Actors.ForAsync(_app, "ys.officer")).TownId!.Value;
        for (var i = 0; i < 100; i++)
        {
            await events.PublishAsync(new IncidentChange($"YS-2026-{i:0000}", IncidentChangeKind.Updated, new IncidentAudience(yushanTown, []), "周敏", DateTime.UtcNow));
        }

        await EventuallyAsync(() => Task.FromResult(yushan.Version), v => v > before.Item2, TimeSpan.FromSeconds(5));
        // Long enough for any second pass to have started and finished.
        await Task.Delay(WallFeed.MinimumInterval * 3);

        Assert.Equal(before.Item1 + 1, city.Version);
        Assert.Equal(before.Item2 + 1, yushan.Version);
        Assert.Equal(before.Item3, zhangpu.Version);
        city.Dispose();
        yushan.Dispose();
        zhangpu.Dispose();
    }

    [Fact]
    public async Task Walls_of_one_audience_and_period_share_one_computation()
    {
        var leader = await WallAsync("leader");
        var duty = await WallAsync("duty");
        var before = leader.Version;

        await LogAsync(_app);
        await EventuallyAsync(() => Task.FromResult(duty.Version), v => v > before, TimeSpan.FromSeconds(5));
        await Task.Delay(WallFeed.MinimumInterval * 2);

        Assert.Same(leader.Latest, duty.Latest);
        leader.Dispose();
        duty.Dispose();
    }

    [Fact]
    public async Task An_open_wall_shows_a_committed_change_by_itself()
    {
        var state = Actors.StateOf(await Actors.ForAsync(_app, "leader"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/monitoring");
        var page = Render<MonitoringPage>(p => p.AddCascadingValue(state));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=wall-open]")), TimeSpan.FromSeconds(10));
        var open = int.Parse(page.Find("[data-testid=wall-open]").TextContent.Trim());

        var watch = Stopwatch.StartNew();
        await LogAsync(_app);

        page.WaitForAssertion(() => Assert.Equal((open + 1).ToString(), page.Find("[data-testid=wall-open]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{watch.ElapsedMilliseconds} ms");
    }

    private async Task<Wall> WallAsync(string userName)
    {
        var wall = new Wall();
        wall.Subscription = Feed.Subscribe(await Actors.ForAsync(_app, userName), WallPeriod.ThisMonth, figures =>
        {
            wall.Latest = figures;
            return Task.CompletedTask;
        });
        wall.Latest = await wall.Subscription.CurrentAsync();
        return wall;
    }

    /// <summary>What an open wall holds: its subscription and the last figures it was given.</summary>
    private sealed class Wall : IDisposable
    {
        public IWallSubscription Subscription { get; set; } = default!;

        public WallFigures? Latest { get; set; }

        public long Version => Latest?.Version ?? 0;

        public void Dispose() => Subscription.Dispose();
    }
}
