using System.Diagnostics;
using Disputes.Benchmarks;
using Disputes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>The demo city with three years behind it (<see cref="CityHistory"/>, small): what a duty room's wall would show.</summary>
public sealed class MonitoredCity : IAsyncLifetime
{
    public AppProcess App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync();
        var options = DevelopmentDatabase.Options(App.DatabasePath);
        await CityHistory.SeedAsync(new Factory(options), DateTime.UtcNow, new CityHistoryOptions(Historical: 3_000, Open: 120));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private sealed class Factory(DbContextOptions<DisputesDbContext> options) : IDbContextFactory<DisputesDbContext>
    {
        public DisputesDbContext CreateDbContext() => new(options);
    }
}

/// <summary>The monitoring wall in the browser: live, on the duty room's display, on a laptop and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MonitoringTests(BrowserFixture fixture, MonitoredCity city, ITestOutputHelper output) : IClassFixture<MonitoredCity>
{
    private static readonly string[] Sections = ["totals", "grid", "overdue", "escalations", "breakdown", "towns", "departments", "trend"];

    [Fact]
    public async Task The_duty_rooms_display_shows_the_whole_wall_on_one_screen_and_a_new_incident_within_a_second()
    {
        await using var display = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = city.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });
        var wall = await display.NewPageAsync();
        await Pages.SignInAsync(wall, "duty");
        await wall.GotoAsync("/monitoring/display");
        await Pages.WaitUntilInteractiveAsync(wall);
        await Expect(wall.GetByTestId("wall-open")).ToBeVisibleAsync();

        // No menu, no app bar, nothing below the fold: every section inside the 1920×1080 screen.
        Assert.Equal(0, await wall.Locator(".mud-appbar, .mud-drawer").CountAsync());
        foreach (var section in Sections)
        {
            var box = await wall.GetByTestId($"wall-{section}").BoundingBoxAsync();
            Assert.True(box is { X: >= 0, Y: >= 0 } && box.X + box.Width <= 1920 && box.Y + box.Height <= 1080,
                $"{section} at {box?.X},{box?.Y} {box?.Width}×{box?.Height} is off the screen.");
        }

        Assert.True(await wall.EvaluateAsync<bool>("document.scrollingElement.scrollHeight <= innerHeight && document.scrollingElement.scrollWidth <= innerWidth"),
            "The display scrolls.");
        var open = int.Parse((await wall.GetByTestId("wall-open").InnerTextAsync()).Replace(",", string.Empty));

        await using var phone = await fixture.NewPhoneAsync(city.App);
        var officer = await phone.NewPageAsync();
        await Pages.SignInAsync(officer, "zp.officer");
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, "南吉山", "昆山南吉山塑料包装厂");
        await officer.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        await officer.GetByLabel("涉及人数").FillAsync("38");
        await officer.GetByLabel("欠薪金额（元）").FillAsync("42万");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer.GetByTestId("incident-number")).ToBeVisibleAsync();

        var seen = Stopwatch.StartNew();
        await Expect(wall.GetByTestId("wall-open")).ToHaveTextAsync((open + 1).ToString("N0"), new() { Timeout = 1000 });
        output.WriteLine($"the wall showed the new incident {seen.ElapsedMilliseconds} ms after the officer saw it logged");
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("wall-display.png") });
    }

    [Fact]
    public async Task On_a_laptop_the_wall_stands_in_two_columns_and_every_figure_leads_to_the_board()
    {
        await using var laptop = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = city.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await laptop.NewPageAsync();
        await Pages.SignInAsync(page, "leader");
        await page.GotoAsync("/monitoring");
        await Pages.WaitUntilInteractiveAsync(page);

        var totals = await page.GetByTestId("wall-totals").BoundingBoxAsync();
        var grid = await page.GetByTestId("wall-grid").BoundingBoxAsync();
        Assert.True(Math.Abs(totals!.Y - grid!.Y) < 1 && grid.X > totals.X + totals.Width - 1, "Two columns on a laptop.");
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= innerWidth"), "The wall is wider than the laptop.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("wall-laptop.png") });

        var cell = page.Locator("[data-testid=wall-cell] a").First;
        var count = (await cell.InnerTextAsync()).Trim();
        await cell.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board\\?town=\\d+&grade=I"));
        await Expect(page.GetByTestId("board-table")).ToContainTextAsync($"共 {count} 条");

        // A response time opens the incidents it was measured on: the period and what happened in it, in words. Over the last
        // thirty days, so that the figure is there whatever the day of the month.
        var today = Disputes.Domain.ChinaTime.Today(TimeProvider.System);
        await page.GotoAsync($"/monitoring?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        await Pages.WaitUntilInteractiveAsync(page);
        var arrive = page.Locator("[data-testid=wall-town-response][data-town=city] [data-measure=arrive] a").First;
        var measured = await page.Locator("[data-testid=wall-town-response][data-town=city] [data-measure=arrive]").GetAttributeAsync("data-count");
        await arrive.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board\\?stage=all&from=\\d{4}-\\d{2}-\\d{2}&to=.*&on=Done&step=ArriveOnScene"));
        await Expect(page.GetByTestId("board-chip").Filter(new() { HasText = "完成：到场" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("board-table")).ToContainTextAsync($"共 {measured} 条");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("board-from-wall-laptop.png") });
    }

    [Fact]
    public async Task On_a_phone_the_wall_is_one_section_at_a_time_with_a_bar_to_jump_between_them()
    {
        await using var phone = await fixture.NewPhoneAsync(city.App);
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "leader");
        await page.GotoAsync("/monitoring");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("wall-open")).ToBeVisibleAsync();

        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var section in Sections)
        {
            boxes.Add((await page.GetByTestId($"wall-{section}").BoundingBoxAsync())!);
        }

        Assert.All(boxes, b => Assert.True(b.X >= 0 && b.X + b.Width <= 390, $"A section is {b.Width} px wide at {b.X}."));
        Assert.True(boxes.Zip(boxes.Skip(1)).All(p => p.Second.Y >= p.First.Y + p.First.Height), "One section above the next.");
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= innerWidth"), "The wall is wider than the phone.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("wall-phone.png") });

        await page.Locator(".wall-jump a[href$='#wall-towns']").ClickAsync();
        await Expect(page.GetByTestId("wall-towns")).ToBeInViewportAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("wall-phone-towns.png") });
    }
}
