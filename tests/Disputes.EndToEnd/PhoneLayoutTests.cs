using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>Issue 9: what the screenshots showed covered, cut or out of reach on a phone and a laptop.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PhoneLayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task On_a_phone_the_saved_toast_leaves_the_incident_number_and_the_actions_uncovered_and_the_title_whole()
    {
        await using var phone = await fixture.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");
        await LogIncidentAsync(page);

        await ExpectWholeTitleAsync(page, "劳资纠纷应急处置");

        await Pages.ActAsync(page, "AddNote");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("textarea[data-testid=dialog-text], [data-testid=dialog-text] textarea").First.FillAsync("企业负责人已到场，承诺周五前支付一个月工资。");
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        var toast = page.Locator(".mud-snackbar", new() { HasText = "已保存" });
        await Expect(toast).ToBeVisibleAsync();

        var toastBox = await BoxAsync(toast);
        foreach (var (testId, what) in new[] { ("incident-number", "incident number"), ("incident-grade", "grade"), ("incident-stage", "stage"), ("actions", "action buttons") })
        {
            var box = await BoxAsync(page.GetByTestId(testId));
            Assert.False(Overlaps(toastBox, box), $"The toast ({Describe(toastBox)}) covers the {what} ({Describe(box)}).");
        }

        Assert.True(toastBox.Y + toastBox.Height <= 844, "The toast is below the screen.");
        // Three actions and 更多, on one row of the phone.
        var actions = await BoxAsync(page.GetByTestId("actions"));
        Assert.True(actions.Height < 56, $"The actions take {actions.Height} px: they wrap onto a second row.");
        Assert.True(await page.Locator("[data-testid=actions] button").CountAsync() <= 4);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("incident-phone.png") });

        // It goes by itself, soon.
        await Expect(toast).ToBeHiddenAsync(new() { Timeout = 6_000 });

        await page.GotoAsync($"/culture/en?redirectUri={Uri.EscapeDataString(new Uri(page.Url).AbsolutePath)}");
        // The circuit replaces the prerendered bar once it starts: measure the bar it leaves.
        await Pages.WaitUntilInteractiveAsync(page);
        await ExpectWholeTitleAsync(page, "Labour Dispute Response");
    }

    [Fact]
    public async Task On_a_laptop_every_roster_row_can_record_a_recovery_and_the_pager_speaks_chinese()
    {
        await using var laptop = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await laptop.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");
        await LogIncidentAsync(page);

        var roster = page.GetByTestId("roster");
        await Expect(roster.GetByTestId("roster-hint")).ToContainTextAsync(".xlsx");
        await Expect(roster.GetByTestId("roster-hint")).ToContainTextAsync("身份证号");
        await roster.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "职工花名册.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("姓名,身份证号,手机号,欠薪金额\n张小明,320583198803124015,13812340001,6500\n李秀英,320583199207153025,13812340002,7200.50\n"),
        });
        await page.GetByTestId("roster-import").ClickAsync();
        var table = page.GetByTestId("roster-table");
        await Expect(table).ToContainTextAsync("李秀英");
        await Expect(roster.GetByTestId("roster-hint")).ToHaveCountAsync(0);

        await table.ScrollIntoViewIfNeededAsync();
        var card = await BoxAsync(roster);
        var buttons = table.GetByRole(AriaRole.Button, new() { Name = "登记追回" });
        await Expect(buttons).ToHaveCountAsync(2);
        foreach (var button in await buttons.AllAsync())
        {
            var box = await BoxAsync(button);
            Assert.True(box.X >= 0 && box.X + box.Width <= 1366, $"登记追回 at x {box.X}–{box.X + box.Width} is off the screen.");
            Assert.True(box.X >= card.X && box.X + box.Width <= card.X + card.Width, $"登记追回 at x {box.X} is outside its card ({card.X}–{card.X + card.Width}).");
        }

        var pagerLabels = await table.Locator(".mud-table-pagination-actions button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.getAttribute('aria-label'))");
        Assert.Equal(["第一页", "上一页", "下一页", "最后一页"], pagerLabels);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("roster-laptop.png") });
    }

    private static readonly (string Field, string Value)[] Facts =
    [
        ("涉及人数", "12"), ("欠薪金额（元）", "8万"), ("欠薪月数", "2"), ("情况描述", "企业拖欠12名职工两个月工资，职工在厂区办公楼前聚集。"),
    ];

    /// <summary>The whole name shows, and the bar still has room for the last button.</summary>
    private static async Task ExpectWholeTitleAsync(IPage page, string name)
    {
        var title = page.Locator(".app-title");
        await Expect(title).ToHaveTextAsync(name);
        var width = await title.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(width[0] <= width[1], $"The app-bar title '{name}' is cut: {width[0]} px of text in {width[1]} px.");
        var (box, bar) = (await BoxAsync(title), await BoxAsync(page.Locator(".mud-appbar")));
        Assert.True(box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height, $"The app-bar title ({Describe(box)}) spills out of the bar ({Describe(bar)}).");
        var signOut = await BoxAsync(page.GetByTestId("sign-out"));
        Assert.True(signOut.X + signOut.Width <= 390, $"The sign-out button ({Describe(signOut)}) is pushed off the screen.");
    }

    /// <summary>A fresh incident of Zhangpu's, so that its roster is empty and its toast is this test's own.</summary>
    private static async Task LogIncidentAsync(IPage page)
    {
        await Pages.OpenLogFormAsync(page);
        await Pages.PickEnterpriseAsync(page, "斌沛", "昆山斌沛电子有限公司");
        await page.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        foreach (var (field, value) in Facts)
        {
            await page.GetByLabel(field).FillAsync(value);
        }

        await page.GetByTestId("submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(IncidentUrl());
        await Expect(page.GetByTestId("incident-number")).ToContainTextAsync("ZP-");
        await Pages.WaitUntilInteractiveAsync(page);
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not on the page.");

    private static bool Overlaps(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static string Describe(LocatorBoundingBoxResult box) => $"x {box.X:0}–{box.X + box.Width:0}, y {box.Y:0}–{box.Y + box.Height:0}";

    [GeneratedRegex("/incidents/ZP-\\d{4}-\\d{4}$")]
    private static partial Regex IncidentUrl();
}
