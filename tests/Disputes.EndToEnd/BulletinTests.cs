using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// The work bulletin in the browser: Yushan's officer logs an incident worth telling; the federation's duty officer drafts
/// the month's bulletin, rewords that incident's paragraph, picks the 报 and 发 organisations, issues it, sees it as the
/// printed page and downloads it as Word.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BulletinTests(BrowserFixture fixture)
{
    private const string Reworded = "玉山镇总工会接报后第一时间赶赴鼎鑫电子，会同劳动监察、公安、司法等部门开展维权工作，稳定了职工情绪。";

    [Fact]
    public async Task The_duty_officer_rewords_a_paragraph_issues_the_bulletin_and_downloads_it_as_word()
    {
        var number = await LogNotableIncidentAsync();

        await using var desktop = await fixture.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "duty");
        await page.GotoAsync("/bulletins");
        await Pages.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("bulletin-new").ClickAsync();
        await Expect(page).ToHaveURLAsync(NewBulletinUrl());
        await Pages.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("bulletin-compose").ClickAsync();

        // Grade II: chosen already, its paragraph drafted from the timeline.
        var candidate = page.Locator($"[data-candidate='{number}']");
        await Expect(candidate.Locator("input[type=checkbox]").First).ToBeCheckedAsync();
        var paragraph = candidate.GetByTestId($"paragraph-{number}");
        await Expect(paragraph.Locator("textarea").First).ToHaveValueAsync(new Regex("玉山镇总工会确认到场"));
        await paragraph.Locator("textarea").First.FillAsync(Reworded);
        await paragraph.Locator("textarea").First.PressAsync("Tab");
        await Expect(paragraph.GetByTestId("paragraph-edited")).ToBeVisibleAsync();
        await page.GetByTestId("sent-to").GetByLabel("江苏省总工会").CheckAsync();
        await page.GetByTestId("sent-to").GetByLabel("苏州市总工会").CheckAsync();
        await page.GetByTestId("distributed-to").GetByLabel("玉山镇总工会").CheckAsync();
        await page.GetByTestId("bulletin-issue").ClickAsync();

        await Expect(page).ToHaveURLAsync(IssuedBulletinUrl());
        var paper = page.GetByTestId("bulletin-paper");
        await Expect(paper).ToContainTextAsync(Reworded);
        await Expect(page.GetByTestId("bulletin-name")).ToHaveTextAsync("工作简报");
        await Expect(page.GetByTestId("bulletin-issue")).ToHaveTextAsync(IssueNumber());
        await Expect(paper.Locator("[data-line=sent-to]")).ToHaveTextAsync("报：江苏省总工会，苏州市总工会");
        await Expect(paper.Locator("[data-line=distributed-to]")).ToHaveTextAsync("发：玉山镇总工会");
        await Expect(page.GetByTestId("bulletin-edited")).ToBeVisibleAsync();
        var issue = (await page.GetByTestId("bulletin-issue").InnerTextAsync()).Trim();

        // Printed: print styles leave the page alone, without the app bar, the menu or the buttons.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("bulletin-docx")).ToBeHiddenAsync();
        await Expect(paper).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // On screen it is the A4 sheet with GB/T 9704's margins, as it will print.
        await page.Locator(".mud-snackbar").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.SetViewportSizeAsync(1280, 1400);
        await page.Locator(".bulletin-sheet").ScreenshotAsync(new LocatorScreenshotOptions { Path = Repository.Screenshot("bulletin-print.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("bulletin-docx").ClickAsync());
        Assert.Equal($"工作简报{issue}.docx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"bulletin-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(saved);
        using var docx = ZipFile.OpenRead(saved);
        using var reader = new StreamReader(docx.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("工作简报", xml);
        Assert.Contains(issue, xml);
        Assert.Contains(Reworded, xml);
        Assert.Contains("发：玉山镇总工会", xml);
        Assert.Contains("w:pgSz w:w=\"11906\" w:h=\"16838\"", xml);
        docx.Dispose();
        File.Delete(saved);
    }

    /// <summary>鼎鑫电子, 150 workers owed ¥2.4 million (grade II), logged by Yushan's officer, who arrives on scene.</summary>
    private async Task<string> LogNotableIncidentAsync()
    {
        await using var desktop = await fixture.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "ys.officer");
        await Pages.OpenLogFormAsync(page);
        await Pages.PickEnterpriseAsync(page, "鼎鑫", "昆山鼎鑫电子有限公司");
        await page.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("涉及人数").FillAsync("150");
        await page.GetByLabel("欠薪金额（元）").FillAsync("240万");
        await page.GetByLabel("欠薪月数").FillAsync("3");
        await page.GetByLabel("情况描述").FillAsync("企业拖欠150名职工三个月工资，职工在厂门口聚集。");
        await Expect(page.GetByTestId("suggested-grade")).ToContainTextAsync("Ⅱ级");
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("incident-number")).ToContainTextAsync("YS-");
        await Pages.WaitUntilInteractiveAsync(page);
        await Pages.ActAsync(page, "ConfirmArrival");
        await page.GetByTestId("dialog-ok").ClickAsync();
        await Expect(page.GetByTestId("incident-stage")).ToHaveTextAsync("处置中");
        return (await page.GetByTestId("incident-number").InnerTextAsync()).Trim();
    }

    [GeneratedRegex("/bulletins/new$")]
    private static partial Regex NewBulletinUrl();

    [GeneratedRegex("/bulletins/\\d{4}/\\d+$")]
    private static partial Regex IssuedBulletinUrl();

    [GeneratedRegex("^\\d{4}年第\\d+期$")]
    private static partial Regex IssueNumber();
}
