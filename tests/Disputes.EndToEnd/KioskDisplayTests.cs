using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// The duty room's wall display on its own kiosk session: the security administrator issues it, the display's browser
/// types the code and shows the wall, nothing else opens on it, and revoking it signs the open screen out within a
/// minute (the open page's own check), with no reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KioskDisplayTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_security_administrator_issues_a_wall_display_session_and_revoking_it_signs_the_open_screen_out()
    {
        var label = $"值班室大屏{Random.Shared.Next(100, 999)}";
        await using var desk = await fixture.NewDesktopAsync();
        var security = await desk.NewPageAsync();
        await Pages.SignInAsync(security, "security");
        await security.Locator("[data-nav='/admin/sessions']").ClickAsync();
        await Pages.WaitUntilInteractiveAsync(security);

        await security.GetByTestId("new-kiosk").ClickAsync();
        var dialog = security.GetByRole(AriaRole.Dialog);
        await Pages.TypeAsync(dialog.Locator("[data-testid=kiosk-label] input, input[data-testid=kiosk-label]").First, label);
        await Pages.ChooseAsync(security, dialog.GetByLabel("显示谁的监测大屏"), "赵强（duty）");
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        await Expect(security.GetByTestId("kiosk-issued")).ToContainTextAsync("/account/kiosk");
        var code = (await security.GetByTestId("kiosk-code-value").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        var row = security.Locator("tr", new() { Has = security.GetByText(label) });
        await Expect(row).ToContainTextAsync("等待大屏登录");
        await security.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("sessions-kiosk-issued-desktop.png") });

        await using var wall = await fixture.NewDesktopAsync();
        var display = await wall.NewPageAsync();
        await display.GotoAsync("/account/kiosk");
        await Pages.TypeAsync(display.GetByTestId("kiosk-code"), code.ToLowerInvariant());
        await display.GetByTestId("kiosk-submit").ClickAsync();
        await Expect(display).ToHaveURLAsync(new Regex("/monitoring/display$"));
        await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "全市劳资纠纷监测" })).ToBeVisibleAsync();

        // Nothing else opens on the display's session.
        await display.GotoAsync("/board");
        await Expect(display).ToHaveURLAsync(new Regex("/monitoring/display$"));
        await Pages.WaitUntilInteractiveAsync(display);

        await security.ReloadAsync();
        await Pages.WaitUntilInteractiveAsync(security);
        await Expect(row).Not.ToContainTextAsync("等待大屏登录");
        await row.GetByTestId("end-session").ClickAsync();
        await security.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Expect(security.GetByText(label)).ToHaveCountAsync(0);

        // The open screen's own check, at most a minute later, sends it to sign in.
        await Expect(display).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 75_000 });
    }
}
