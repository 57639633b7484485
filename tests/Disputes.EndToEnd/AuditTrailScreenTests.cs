using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// What an administrator does in an open page reaches the audit trail with the address the page was opened from, and the
/// audit administrator finds it on their screen, in Chinese, and checks the chain there.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTrailScreenTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_playbook_saved_in_an_open_page_is_found_on_the_audit_screen_with_its_address_and_the_chain_checks_intact()
    {
        await using var app = await AppProcess.StartAsync();
        await using var desktop = await fixture.NewDesktopAsync(app);
        var admin = await desktop.NewPageAsync();
        await Pages.SignInAsync(admin, "admin");
        await admin.Locator("[data-nav='/admin/playbook']").ClickAsync();
        var arrive = admin.Locator("[data-testid='ArriveOnScene-Major'] input, input[data-testid='ArriveOnScene-Major']");
        await Expect(arrive).ToHaveValueAsync("30");
        await arrive.FillAsync("25");
        await admin.GetByTestId("playbook-save").ClickAsync();
        await Expect(admin.GetByText("应急预案已保存。")).ToBeVisibleAsync();

        await using var auditorBrowser = await fixture.NewDesktopAsync(app);
        var auditor = await auditorBrowser.NewPageAsync();
        await Pages.SignInAsync(auditor, "auditor");
        await auditor.Locator("[data-nav='/admin/audit']").ClickAsync();
        await Pages.WaitUntilInteractiveAsync(auditor);
        await Pages.TypeAsync(auditor.Locator("[data-testid='audit-user'] input, input[data-testid='audit-user']"), "系统管理员");

        var saved = auditor.GetByTestId("audit-trail").Locator("tbody tr", new() { HasText = "保存预案新版本" });
        await Expect(saved).ToHaveCountAsync(1);
        await Expect(saved).ToContainTextAsync("预案第 2 版");
        await Expect(saved).ToContainTextAsync("127.0.0.1");
        await Expect(saved).ToContainTextAsync("昆山市总工会");

        await auditor.GetByTestId("audit-verify").ClickAsync();
        await Expect(auditor.GetByTestId("audit-verification")).ToContainTextAsync("审计日志完整");
        await auditor.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("audit-trail-desktop.png") });
    }
}
