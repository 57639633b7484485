using Disputes.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>The app as `dotnet run` gives it: the demo city with the bulletin's Zhangpu incidents, logged hours ago.</summary>
public sealed class SeededCity : IAsyncLifetime
{
    public AppProcess App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await AppProcess.StartAsync(null, "--Database:SeedDemoIncidents=true");

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The first screen is the user's work: the seeded Zhangpu story as its officer and the city's duty officer see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeTests(BrowserFixture fixture, SeededCity city) : IClassFixture<SeededCity>
{
    /// <summary>The demo incidents are numbered in the order they were logged: 斌沛 30 hours ago, 科家 5 hours ago, 南吉山 1 hour ago.</summary>
    private static string Seeded(int sequence) => $"ZP-{ChinaTime.Now(TimeProvider.System).Year}-{sequence:0000}";

    [Fact]
    public async Task A_town_officer_on_a_phone_sees_the_towns_incidents_with_their_overdue_steps_under_a_log_button_in_reach()
    {
        await using var phone = await fixture.NewPhoneAsync(city.App);
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");

        var town = page.GetByTestId("home-town");
        foreach (var sequence in new[] { 1, 2, 3 })
        {
            await Expect(town.Locator($"[data-testid=home-incident][data-number='{Seeded(sequence)}']")).ToBeVisibleAsync();
        }

        foreach (var overdue in new[] { Seeded(1), Seeded(2) })
        {
            var steps = town.Locator($"[data-number='{overdue}'] [data-testid=home-step][data-overdue=true]");
            await Expect(steps.First).ToContainTextAsync("已超时");
            await Expect(steps.First).ToContainTextAsync("到场");
        }

        await Expect(town.Locator($"[data-number='{Seeded(2)}']")).ToContainTextAsync("昆山科家塑胶有限公司");
        var log = await page.GetByTestId("log-incident").BoundingBoxAsync();
        Assert.True(log is { Height: >= 48, Width: >= 300 } && log.Y + log.Height < 844, $"The log button is a large target on the first screen: {log?.Width}×{log?.Height} at {log?.Y}.");
        // One column: the incidents stand one above the other.
        var first = await town.Locator("[data-testid=home-incident]").Nth(0).BoundingBoxAsync();
        var second = await town.Locator("[data-testid=home-incident]").Nth(1).BoundingBoxAsync();
        Assert.True(second!.Y >= first!.Y + first.Height && Math.Abs(second.X - first.X) < 1, "One column on a phone.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("home-phone.png") });

        await page.GetByTestId("log-incident").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/incidents/new$"));
    }

    [Fact]
    public async Task The_duty_officer_on_a_desktop_sees_the_citys_overdue_steps_beside_the_escalations_not_yet_read()
    {
        await using var desktop = await fixture.NewDesktopAsync(city.App);
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "duty");

        var overdue = page.GetByTestId("home-overdue").GetByTestId("home-overdue-step");
        await Expect(overdue.First).ToContainTextAsync(Seeded(1));
        await Expect(overdue.First).ToContainTextAsync("已超时");
        // The seeded steps escalate within the app's first minute; the list fills in live if the page opened before.
        var escalation = page.GetByTestId("home-unread").GetByTestId("home-escalation");
        await Expect(escalation.First).ToContainTextAsync("升级 2级", new() { Timeout = 90_000 });
        await Expect(escalation.First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/incidents/ZP-"));

        var left = await page.GetByTestId("home-overdue").BoundingBoxAsync();
        var right = await page.GetByTestId("home-unread").BoundingBoxAsync();
        Assert.True(Math.Abs(left!.Y - right!.Y) < 1 && right.X >= left.X + left.Width, "Two columns on a laptop.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("home-duty-desktop.png") });
    }
}
