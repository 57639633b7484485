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

    [Fact]
    public async Task A_grading_threshold_out_of_order_is_refused_in_chinese_and_each_save_adds_a_version()
    {
        // Its own app: the thresholds grade every incident the other tests log.
        await using var app = await AppProcess.StartAsync();
        await using var desktop = await fixture.NewDesktopAsync(app);
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "admin");
        await page.Locator("[data-nav='/admin/playbook']").ClickAsync();
        var workers = page.Locator("[data-testid='grading-workers-III'] input, input[data-testid='grading-workers-III']");
        var wages = page.Locator("[data-testid='grading-wages-III'] input, input[data-testid='grading-wages-III']");
        var history = page.GetByTestId("playbook-history").Locator("tbody tr");
        await Expect(workers).ToHaveValueAsync("30");
        await Expect(wages).ToHaveValueAsync("500000");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToContainTextAsync("第 1 版");
        await Expect(page.GetByText("由预案固定，不能在此修改")).ToBeVisibleAsync();

        await workers.FillAsync("150");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(page.GetByTestId("playbook-error")).ToContainTextAsync("分级门槛须逐级递减");
        await Expect(page.GetByTestId("playbook-error")).ToContainTextAsync("现为 300 / 100 / 150");
        await Expect(history).ToHaveCountAsync(1);

        await workers.FillAsync("20");
        await wages.FillAsync("３０万");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(page.GetByText("应急预案已保存。")).ToBeVisibleAsync();
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.First).ToHaveAttributeAsync("data-version", "2");
        await Expect(history.First).ToContainTextAsync("系统管理员");
        await Expect(page.GetByTestId("playbook-updated")).ToContainTextAsync("第 2 版");

        await page.ReloadAsync();
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(workers).ToHaveValueAsync("20");
        await Expect(wages).ToHaveValueAsync("300000");
        await page.Locator("[data-testid='Resolve-Minor'] input, input[data-testid='Resolve-Minor']").FillAsync("10");
        await page.GetByTestId("playbook-save").ClickAsync();
        await Expect(history).ToHaveCountAsync(3);
        await Expect(history.First).ToHaveAttributeAsync("data-version", "3");
        await Expect(history.Nth(1)).ToHaveAttributeAsync("data-version", "2");
    }
}
