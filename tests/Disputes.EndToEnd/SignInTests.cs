using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_town_officer_signs_in_on_a_phone_and_sees_the_home_page_in_chinese()
    {
        // The phone reports English (en-US): the product still opens in Chinese.
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("sign-in-phone.png") });

        var stopwatch = Stopwatch.StartNew();
        await page.GetByLabel("用户名").FillAsync("zp.officer");
        await page.GetByLabel("密码").FillAsync(Disputes.Data.Seeding.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Expect(page.GetByTestId("greeting")).ToContainTextAsync("王海涛");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("app-org")).ToContainTextAsync("张浦镇总工会");
        output.WriteLine($"sign-in to greeting: {stopwatch.ElapsedMilliseconds} ms");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("home-town")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_administrator_on_a_desktop_sees_the_admin_menu_and_can_switch_to_english()
    {
        await using var desktop = await fixture.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "admin");

        await Expect(page.Locator("[data-nav='/admin/playbook']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-nav='/jobs']")).ToBeVisibleAsync();
        // The system administrator works on no case: the board and the wall are not theirs.
        await Expect(page.Locator("[data-nav='/board']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("home-admin-desktop.png") });

        await page.GetByTestId("language").ClickAsync();
        await page.GetByText("English").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("greeting")).ToContainTextAsync(", 系统管理员");
        await Expect(page.Locator("[data-nav='/admin/playbook']")).ToHaveTextAsync("Emergency plan");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page()
    {
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "duty");
        await Expect(page.GetByTestId("greeting")).ToContainTextAsync("赵强");

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
