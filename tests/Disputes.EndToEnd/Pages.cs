using Disputes.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

public static class Pages
{
    /// <summary>Signs in through the form as a person does, in Chinese.</summary>
    public static async Task SignInAsync(IPage page, string userName, bool expectHome = true)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        if (expectHome)
        {
            await Expect(page.GetByTestId("greeting")).ToBeVisibleAsync();
            await WaitUntilInteractiveAsync(page);
        }
    }

    /// <summary>The log form, once it keeps every keystroke in the browser.</summary>
    public static async Task OpenLogFormAsync(IPage page)
    {
        await page.GotoAsync("/incidents/new");
        await page.Locator("[data-draft-ready=true]").WaitForAsync();
    }

    /// <summary>
    /// A prerendered page shows before its circuit connects; a click in between is lost. Wait for the
    /// layout's marker that only the interactive render emits.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
