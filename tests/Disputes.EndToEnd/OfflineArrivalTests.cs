using Disputes.Data;
using Disputes.Domain.Incidents.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// An officer taps 确认到场 in a factory yard where the signal has just gone: the tap is kept in the phone with its
/// time and reaches the server once the signal is back — one arrival, at the time of the tap.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineArrivalTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_arrival_tapped_without_a_connection_is_sent_once_when_it_returns_with_the_time_of_the_tap()
    {
        await using var app = await AppProcess.StartAsync();
        await using var proxy = LatencyProxy.Start(app.BaseAddress, TimeSpan.FromMilliseconds(100));
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN", BaseURL = proxy.BaseAddress.ToString(),
        });
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");
        await Pages.OpenLogFormAsync(page);
        await page.GetByLabel("搜索企业名称或信用代码").FillAsync("科家");
        await page.GetByText("昆山科家塑胶有限公司").First.ClickAsync();
        await page.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("涉及人数").FillAsync("20");
        await page.GetByLabel("欠薪金额（元）").FillAsync("6万");
        await page.GetByLabel("欠薪月数").FillAsync("2");
        await page.GetByLabel("情况描述").FillAsync("职工在厂门口聚集。");
        await page.GetByTestId("submit").ClickAsync();
        await page.GetByTestId("incident-number").WaitForAsync();
        var number = (await page.GetByTestId("incident-number").InnerTextAsync()).Trim();
        await Pages.WaitUntilInteractiveAsync(page);

        // The page has loaded what keeps taps while offline (it marks the connection on the document).
        await page.Locator("html[data-connection=up]").WaitForAsync();
        proxy.Cut();
        await page.Locator("html[data-connection=down]").WaitForAsync(new() { Timeout = 20_000 });
        var tappedAt = DateTime.UtcNow;
        await page.Locator("[data-action=ConfirmArrival]").ClickAsync();
        await Expect(page.Locator($"[data-offline-note='{number}']")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(3_000);
        proxy.Restore();

        await Expect(page.Locator("[data-step='ArriveOnScene.1']")).ToContainTextAsync("完成", new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1_000);
        var arrivals = await ReadAsync(app.DatabasePath, async db => (await db.Incidents.AsNoTracking().Where(i => i.Number == number)
            .SelectMany(i => i.Timeline).Where(t => t.Kind == TimelineKind.ArrivedOnScene).Select(t => t.Payload).ToListAsync())
            .Select(p => (IncidentEvent.ArrivedOnScene)IncidentEvent.FromJson(p)).ToList());
        var arrival = Assert.Single(arrivals);
        Assert.True(Math.Abs((arrival.ArrivedAtUtc - tappedAt).TotalSeconds) < 2, $"arrived at {arrival.ArrivedAtUtc:O}, tapped at {tappedAt:O}");

        // The page read again from the server: the kept tap is gone, so a reload sends nothing twice.
        await page.ReloadAsync();
        await Pages.WaitUntilInteractiveAsync(page);
        await page.WaitForTimeoutAsync(1_000);
        Assert.Single(await ReadAsync(app.DatabasePath, db => db.TimelineEntries.AsNoTracking().Where(t => t.Kind == TimelineKind.ArrivedOnScene
            && db.Incidents.Any(i => i.Number == number && i.Timeline.Contains(t))).ToListAsync()));
    }

    private static async Task<T> ReadAsync<T>(string databasePath, Func<DisputesDbContext, Task<T>> read)
    {
        var options = new DbContextOptionsBuilder<DisputesDbContext>().UseSqlite($"Data Source={databasePath}").Options;
        await using var db = new DisputesDbContext(options);
        return await read(db);
    }
}
