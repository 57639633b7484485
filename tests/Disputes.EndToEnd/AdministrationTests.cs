using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class AdministrationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_security_administrator_disables_an_account_and_it_can_no_longer_sign_in()
    {
        await using var desktop = await fixture.NewDesktopAsync();
        var admin = await desktop.NewPageAsync();
        await Pages.SignInAsync(admin, "security");

        await admin.Locator("[data-nav='/admin/users']").ClickAsync();
        var row = admin.Locator("tr", new() { Has = admin.GetByText("ys.officer", new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("玉山镇总工会");
        await Expect(row).ToContainTextAsync("正常");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已停用");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("users-admin-desktop.png") });

        await using var phone = await fixture.NewPhoneAsync();
        var officer = await phone.NewPageAsync();
        await Pages.SignInAsync(officer, "ys.officer", expectHome: false);
        await Expect(officer.GetByTestId("login-error")).ToContainTextAsync("该账户已停用");

        await row.GetByRole(AriaRole.Button, new() { Name = "启用" }).ClickAsync();
        await Expect(row).ToContainTextAsync("正常");
        await Pages.SignInAsync(officer, "ys.officer");
        await Expect(officer.GetByTestId("app-org")).ToContainTextAsync("玉山镇总工会");
    }

    [Fact]
    public async Task The_security_administrator_creates_a_town_officer_who_must_choose_a_password_at_the_first_sign_in()
    {
        var userName = $"zp.e2e{Random.Shared.Next(1000, 9999)}";
        await using var desktop = await fixture.NewDesktopAsync();
        var security = await desktop.NewPageAsync();
        await Pages.SignInAsync(security, "security");
        await security.Locator("[data-nav='/admin/users']").ClickAsync();
        await Pages.WaitUntilInteractiveAsync(security);

        var temporary = await Pages.CreateAccountAsync(security, userName, "吴晓燕", "张浦镇总工会", "镇工会干部");
        var row = security.Locator("tr", new() { Has = security.GetByText(userName, new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("待改密码");
        await security.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("users-new-account-desktop.png") });

        await using var phone = await fixture.NewPhoneAsync();
        var officer = await phone.NewPageAsync();
        await officer.GotoAsync("/account/login");
        await officer.GetByLabel("用户名").FillAsync(userName);
        await officer.GetByLabel("密码").FillAsync(temporary);
        await officer.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(officer.GetByTestId("password-reason")).ToContainTextAsync("请先设置自己的新密码");
        await officer.GotoAsync("/board");
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password"));
        await Pages.TypeAsync(officer.GetByTestId("password-current"), temporary);
        await Pages.TypeAsync(officer.GetByTestId("password-new"), "zhangpu-wu-2026");
        await Pages.TypeAsync(officer.GetByTestId("password-repeat"), "zhangpu-wu-2026");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("change-password-phone.png") });
        await officer.GetByTestId("password-submit").ClickAsync();

        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board$"));
        await Expect(officer.GetByTestId("app-org")).ToContainTextAsync("张浦镇总工会");
        await security.ReloadAsync();
        await Expect(row).ToContainTextAsync("正常");
    }

    [Fact]
    public async Task The_duty_officer_sees_the_eleven_towns_with_their_number_codes()
    {
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "duty");

        await page.GotoAsync("/admin/organisations");
        await Pages.WaitUntilInteractiveAsync(page);

        await Expect(page.GetByTestId("towns").Locator("tbody tr")).ToHaveCountAsync(11);
        await Expect(page.GetByTestId("towns")).ToContainTextAsync("张浦镇总工会");
        await Expect(page.GetByTestId("departments")).ToContainTextAsync("昆山市公安局");
    }
}
