using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed partial class BoardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Filters_and_the_view_live_in_the_link_so_the_back_button_undoes_them()
    {
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "duty");

        await page.GotoAsync("/board");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "案件看板" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("board-table")).ToBeVisibleAsync();

        await page.GetByText("仅看超时").ClickAsync();
        await Expect(page).ToHaveURLAsync(Overdue());

        await page.GetByText("看板", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(BoardView());
        await Expect(page.Locator("[data-stage]")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-stage='Reported']")).ToContainTextAsync("已登记");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("board-phone.png"), FullPage = true });

        await page.GoBackAsync();
        await Expect(page.GetByTestId("board-table")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(Overdue());
        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(Overdue());
    }

    [Fact]
    public async Task A_town_officer_finds_their_towns_enterprise_and_sees_its_contact_masked()
    {
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");

        await page.GotoAsync("/enterprises");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("enterprises").Locator("tbody tr")).ToHaveCountAsync(3);
        await page.GetByLabel("搜索").FillAsync("科家");
        await Expect(page.GetByTestId("enterprises").Locator("tbody tr")).ToHaveCountAsync(1);
        await page.GetByText("昆山科家塑胶有限公司").ClickAsync();

        await Expect(page.GetByTestId("enterprise-contact")).ToHaveTextAsync("郑某某 138****5678");
    }

    [GeneratedRegex("overdue=true")]
    private static partial Regex Overdue();

    [GeneratedRegex("view=board")]
    private static partial Regex BoardView();
}
