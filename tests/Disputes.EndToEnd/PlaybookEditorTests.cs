using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class PlaybookEditorTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_zero_time_limit_is_refused_in_chinese_and_a_sound_one_is_saved_with_the_editors_name()
    {
        await using var desktop = await fixture.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "admin");
        await page.Locator("[data-nav='/admin/playbook']").ClickAsync();
        var arrive = page.Locator("[data-testid='ArriveOnScene-Major'] input, input[data-testid='ArriveOnScene-Major']");
        await Expect(arrive).ToHaveValueAsync("30");

        await arrive.FillAsync("0");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(page.GetByTestId("playbook-error")).ToContainTextAsync("“到场”（Ⅰ–Ⅱ级）的时限须在 1 分钟到");

        await arrive.FillAsync("20");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(page.GetByText("应急预案已保存。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("playbook-updated")).ToContainTextAsync("系统管理员");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("playbook-admin-desktop.png") });

        await arrive.FillAsync("30");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(page.GetByText("应急预案已保存。").First).ToBeVisibleAsync();
    }
}
