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

    /// <summary>A person typing on a phone: about 11 keys a second.</summary>
    public static readonly LocatorPressSequentiallyOptions PersonsPace = new() { Delay = 90 };

    /// <summary>Types as a person does: taps the field as soon as it shows, then key by key.</summary>
    public static async Task TypeAsync(ILocator field, string text)
    {
        await field.ClickAsync();
        await field.PressSequentiallyAsync(text, PersonsPace);
    }

    /// <summary>
    /// Picks an enterprise on the log form as a person does: taps the search box, types part of its name at a person's
    /// pace and taps the match in the list that opens. When no match shows, says what the box held and what lists were open.
    /// </summary>
    public static async Task PickEnterpriseAsync(IPage page, string typed, string name)
    {
        var search = page.GetByLabel("搜索企业名称或信用代码");
        await TypeAsync(search, typed);
        var match = page.Locator(".mud-popover-open").GetByText(name, new() { Exact = true }).First;
        try
        {
            await match.ClickAsync(new() { Timeout = 20_000 });
        }
        catch (TimeoutException e)
        {
            var held = await search.InputValueAsync();
            var lists = await page.Locator(".mud-popover").EvaluateAllAsync<string>(
                "ps => ps.map(p => p.className + ': ' + p.innerText.slice(0, 120)).join(' | ')");
            throw new TimeoutException($"No {name} to pick: the search box holds \"{held}\"; lists: {lists}", e);
        }

        await Expect(search).ToHaveValueAsync(name);
    }

    /// <summary>
    /// Opens a Mud select and picks the option with that text. The list closes when the server says so, a round trip later;
    /// until then it covers what is under it, so a person's next tap lands only once it is gone.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(item).ToBeHiddenAsync();
    }

    /// <summary>
    /// The security administrator, on 用户管理 and interactive, makes an account through the dialog at a person's pace;
    /// answers the temporary password shown once.
    /// </summary>
    public static async Task<string> CreateAccountAsync(IPage security, string userName, string displayName, string organisation, string role)
    {
        await security.GetByTestId("new-user").ClickAsync();
        var dialog = security.GetByRole(AriaRole.Dialog);
        await TypeAsync(dialog.Locator("[data-testid=account-username] input, input[data-testid=account-username]").First, userName);
        await TypeAsync(dialog.Locator("[data-testid=account-displayname] input, input[data-testid=account-displayname]").First, displayName);
        await ChooseAsync(security, dialog.GetByLabel("所属单位"), organisation);
        await ChooseAsync(security, dialog.GetByLabel("角色"), role);
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        await Expect(security.GetByTestId("temporary-password")).ToContainTextAsync(userName);
        return (await security.GetByTestId("temporary-password-value").InnerTextAsync()).Trim();
    }

    /// <summary>
    /// Taps an action of the incident page: its button when it shows one, else the item under 更多. The row is read once
    /// the page is interactive; a test waits for the outcome of one action before it takes the next.
    /// </summary>
    public static async Task ActAsync(IPage page, string action)
    {
        var button = page.Locator($"[data-testid=actions] button[data-action={action}]");
        await page.GetByTestId("actions").WaitForAsync();
        if (await button.CountAsync() > 0)
        {
            await button.ClickAsync();
            return;
        }

        await page.Locator("[data-testid=more-actions] button").ClickAsync();
        var item = page.Locator($".mud-popover-open [data-action={action}]");
        await item.ClickAsync();
    }

    /// <summary>
    /// A prerendered page shows before its circuit connects; a click in between is lost. Wait for the
    /// layout's marker that only the interactive render emits.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
