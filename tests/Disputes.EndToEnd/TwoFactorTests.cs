using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// A new federation duty officer, made by the security administrator, chooses a password, turns on two-step
/// verification on a phone (the key read from the page, the code computed here as an authenticator app does), and
/// signs in again with password and code. Development requires it of no role, so this officer turns it on from the menu.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_duty_officer_enrols_an_authenticator_on_a_phone_and_signs_in_with_password_and_code()
    {
        // A server error shows only as a missing element: the failure carries the app's log with its exception.
        await fixture.WithAppLogAsync(EnrolAndSignInAsync);
    }

    private async Task EnrolAndSignInAsync()
    {
        var userName = $"duty.e2e{Random.Shared.Next(1000, 9999)}";
        const string password = "duty-zhao-2026-ks";
        await using var desktop = await fixture.NewDesktopAsync();
        var security = await desktop.NewPageAsync();
        await Pages.SignInAsync(security, "security");
        await security.Locator("[data-nav='/admin/users']").ClickAsync();
        await Pages.WaitUntilInteractiveAsync(security);
        var temporary = await Pages.CreateAccountAsync(security, userName, "钱志远", "昆山市总工会", "市总工会值班员");

        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(temporary);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Pages.TypeAsync(page.GetByTestId("password-current"), temporary);
        await Pages.TypeAsync(page.GetByTestId("password-new"), password);
        await Pages.TypeAsync(page.GetByTestId("password-repeat"), password);
        await page.GetByTestId("password-submit").ClickAsync();
        await Pages.WaitUntilInteractiveAsync(page);

        await page.GetByTestId("account-menu").ClickAsync();
        await page.GetByTestId("menu-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-qr")).ToBeVisibleAsync();
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("two-factor-setup-phone.png"), FullPage = true });
        await Pages.TypeAsync(page.GetByTestId("two-factor-code"), Code(key));
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await Expect(page.GetByTestId("second-step-hint")).ToContainTextAsync("身份验证器");
        // The code the enrolment used is spent: the app's next one.
        await Pages.TypeAsync(page.GetByTestId("second-step-code"), Code(key, steps: 1));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("two-factor-sign-in-phone.png") });
        await page.GetByTestId("second-step-submit").ClickAsync();
        await Expect(page.GetByTestId("greeting")).ToContainTextAsync("钱志远");
        await Expect(page.GetByTestId("app-org")).ToContainTextAsync("昆山市总工会");

        await security.ReloadAsync();
        var row = security.Locator("tr", new() { Has = security.GetByText(userName, new() { Exact = true }) });
        await Expect(row.GetByTestId("user-two-factor")).ToContainTextAsync("已开启");
    }

    private static string Code(string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));
}
