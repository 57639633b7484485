using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace Disputes.EndToEnd;

/// <summary>
/// The used-by story of issue 10, end to end, with everyone at their own screen at once: Zhangpu's officer logs an
/// absconding owner on a phone over a slow link; the labour inspection and justice liaisons see the engagement arrive on
/// their home pages and acknowledge it; the initial report goes overdue under a one-minute plan and its escalation lands on
/// the duty room's wall; the ledger fills and the wall's recovered total moves; the duty officer resolves and closes the
/// case, then issues the month's bulletin, whose Word file holds the incident's paragraph.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class UsedByStoryTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// The design promises a second from commit to screen. A few seconds here because this two-core machine may be running
    /// other tests beside this one; still far inside anything a reload would need (nobody reloads) or the wall's minute tick.
    /// </summary>
    private const float Live = 3_000;

    private const string Enterprise = "昆山科家塑胶有限公司";
    private const string Outcome = "经劳动监察、司法等部门联动处置，欠薪保障金先行垫付，企业以库存变现支付，两名职工欠薪已全部追回";
    private const string Referrals = "企业负责人涉嫌拒不支付劳动报酬罪，已移送公安";

    /// <summary>Every member name of every enum of the domain: none of them may reach a screen a person reads.</summary>
    private static readonly HashSet<string> EnumNames = typeof(Money).Assembly.GetTypes().Where(t => t.IsEnum)
        .SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task An_absconding_owner_in_Zhangpu_goes_from_a_phone_on_site_to_the_bulletin_seen_live_by_everyone_involved()
    {
        var story = Stopwatch.StartNew();

        // Its own app: a one-minute initial report would upset every other test on the shared one.
        await using var app = await AppProcess.StartAsync();
        await using var proxy = LatencyProxy.Start(app.BaseAddress, TimeSpan.FromMilliseconds(150));
        await ShortenInitialReportAsync(app);

        // The duty room's display, and the two liaisons at their desks, before anything happens.
        await using var dutyRoom = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });
        var wall = await dutyRoom.NewPageAsync();
        await Pages.SignInAsync(wall, "duty");
        await wall.GotoAsync("/monitoring/display");
        await Pages.WaitUntilInteractiveAsync(wall);
        var open = wall.GetByTestId("wall-open");
        await Expect(open).ToBeVisibleAsync();
        var openBefore = await open.InnerTextAsync();
        var zhangpuII = wall.GetByTestId("wall-grid").Locator("tbody tr").Filter(new() { HasText = "张浦" }).Locator("[data-testid=wall-cell][data-grade=II]");
        var cellBefore = int.Parse((await zhangpuII.GetAttributeAsync("data-count"))!);
        var recovered = wall.GetByTestId("wall-recovered-total");
        var recoveredBefore = await recovered.GetAttributeAsync("title");

        await using var labourDesk = await fixture.NewDesktopAsync(app);
        var labour = await labourDesk.NewPageAsync();
        await Pages.SignInAsync(labour, "labor.liaison");
        await using var justiceDesk = await fixture.NewDesktopAsync(app);
        var justice = await justiceDesk.NewPageAsync();
        await Pages.SignInAsync(justice, "zp.justice");

        // 1. On site, on a phone: 120 workers, ¥1.5 million, three months; the plan's departments engaged with the log.
        await using var phone = await fixture.NewPhoneAsync(app, proxy);
        var officer = await phone.NewPageAsync();
        await Pages.SignInAsync(officer, "zp.officer");
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, "科家", Enterprise);
        await officer.GetByText("欠薪逃匿", new() { Exact = true }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Checkbox, new() { Name = "立即联动预案要求的部门：劳动监察、司法、公安" })).ToBeCheckedAsync();
        await Pages.TypeAsync(officer.GetByLabel("涉及人数"), "120");
        await Pages.TypeAsync(officer.GetByLabel("欠薪金额（元）"), "150万");
        await Pages.TypeAsync(officer.GetByLabel("欠薪月数"), "3");
        await Pages.TypeAsync(officer.GetByLabel("情况描述"), "老板失联，120名职工被拖欠三个月工资，职工聚集在厂门口。");
        await Expect(officer.GetByTestId("suggested-grade")).ToContainTextAsync("Ⅱ级");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer).ToHaveURLAsync(IncidentUrl());
        var number = (await officer.GetByTestId("incident-number").InnerTextAsync()).Trim();
        output.WriteLine($"{number} logged {story.Elapsed.TotalSeconds:0.0} s into the story");

        // The wall counts it in Zhangpu's grade II cell, nothing overdue yet; each liaison's home lists the engagement to sign for.
        await Expect(open).Not.ToHaveTextAsync(openBefore, new() { Timeout = Live });
        await Expect(zhangpuII).ToHaveAttributeAsync("data-count", (cellBefore + 1).ToString(), new() { Timeout = Live });
        await Expect(zhangpuII).ToHaveAttributeAsync("data-lateness", "0");
        var labourArrived = labour.Locator($"[data-testid=home-engagement][data-number='{number}']");
        var justiceArrived = justice.Locator($"[data-testid=home-engagement][data-number='{number}']");
        await Expect(labourArrived).ToBeVisibleAsync(new() { Timeout = Live });
        await Expect(justiceArrived).ToBeVisibleAsync(new() { Timeout = Live });
        await Expect(labourArrived).ToContainTextAsync(Enterprise);

        await Pages.WaitUntilInteractiveAsync(officer);
        await Pages.ActAsync(officer, "ConfirmArrival");
        await officer.GetByRole(AriaRole.Dialog).GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.GetByTestId("incident-stage")).ToHaveTextAsync("处置中");
        await Expect(officer.Locator("[data-engagement=LaborInspection]")).ToContainTextAsync("待签收");
        await NoToastAsync(officer);
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("story-1-officer-phone.png") });
        await ExpectNoEnumNamesAsync(officer);

        // 2. Each liaison opens the incident from their home, signs for it and records what they did; the phone sees both live.
        await SignForAsync(labour, labourArrived, number, "LaborInspection", "李娜", "核实欠薪情况");
        await Expect(officer.Locator("[data-engagement=LaborInspection] [data-testid=acknowledged]")).ToContainTextAsync("李娜", new() { Timeout = Live });
        await SignForAsync(justice, justiceArrived, number, "Justice", "刘洋", "为职工提供法律援助");
        await Expect(officer.Locator("[data-engagement=Justice] [data-testid=acknowledged]")).ToContainTextAsync("刘洋", new() { Timeout = Live });
        await labour.Locator("[data-engagement=LaborInspection]").ScrollIntoViewIfNeededAsync();
        await NoToastAsync(labour);
        await labour.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("story-2-liaison.png") });
        await ExpectNoEnumNamesAsync(labour);
        await ExpectNoEnumNamesAsync(justice);

        // 3. Nobody reports upward: a minute after logging the initial report falls due and escalates, and the wall shows it.
        var due = await InitialReportDueAsync(app, number);
        var escalation = wall.Locator($"[data-testid=wall-escalation][data-number='{number}']", new() { HasText = "初报" });
        var overdue = wall.Locator($"[data-testid=wall-overdue-step][data-number='{number}']");
        var early = due - TimeSpan.FromSeconds(3) - DateTime.UtcNow;
        if (early > TimeSpan.Zero)
        {
            await Task.Delay(early);
            Assert.Equal(0, await escalation.CountAsync());
            Assert.Equal(0, await overdue.CountAsync());
        }

        // From the due time, not from now: the escalation is written at the due time and pushed at once, to the wall and to
        // the step's owner. The officer's phone says so in a toast that reads as a line, not as a column of characters over
        // the screen; it stays until dismissed.
        var toast = officer.Locator(".mud-snackbar", new() { HasText = $"案件 {number} 已超时督办" });
        var untilDue = (float)Math.Max(0, (due - DateTime.UtcNow).TotalMilliseconds);
        await Task.WhenAll(
            Expect(escalation).ToBeVisibleAsync(new() { Timeout = untilDue + Live }),
            Expect(toast).ToBeVisibleAsync(new() { Timeout = untilDue + Live }));
        output.WriteLine($"escalation on the wall {(DateTime.UtcNow - due).TotalMilliseconds:0} ms after the due time");
        var toastBox = (await toast.BoundingBoxAsync())!;
        Assert.True(toastBox.Width >= 300 && toastBox.Height <= 120, $"The toast is {toastBox.Width:0}×{toastBox.Height:0} on a 390×844 phone.");
        await toast.Locator("button").Last.ClickAsync();
        await Expect(toast).ToBeHiddenAsync();

        await Expect(escalation).ToContainTextAsync("升级至第 1 级");
        await Expect(overdue).ToContainTextAsync("初报");
        await Expect(overdue).ToContainTextAsync("已超时");
        await Expect(zhangpuII).ToHaveAttributeAsync("data-lateness", "1");
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("story-3-duty-wall.png") });
        await ExpectNoEnumNamesAsync(wall);

        // The officer reports upward late; the step leaves the overdue list and the cell is no longer late.
        await Pages.ActAsync(officer, "ReportUpward");
        await Pages.TypeAsync(Field(officer.GetByRole(AriaRole.Dialog), "dialog-text"), "已电话报告市总工会值班室，职工情绪基本稳定。");
        await officer.GetByRole(AriaRole.Dialog).GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.Locator("[data-step='InitialReport.1']")).ToContainTextAsync("完成");
        await Expect(overdue).ToHaveCountAsync(0, new() { Timeout = Live });
        await Expect(zhangpuII).ToHaveAttributeAsync("data-lateness", "0", new() { Timeout = Live });

        // 4. The roster, and each worker's wages recovered: the wall's recovered total follows every entry.
        await officer.GetByTestId("roster").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "科家塑胶欠薪职工花名册.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("姓名,身份证号,手机号,欠薪金额\n王建国,320583198803124015,13812340011,9800\n周丽,320583199207153025,13812340012,8600.50\n"),
        });
        await Expect(officer.GetByTestId("roster-valid")).ToHaveTextAsync("有效 2 行");
        await officer.GetByTestId("roster-import").ClickAsync();
        var roster = officer.GetByTestId("roster-table");
        await Expect(roster).ToContainTextAsync("周丽");

        await RecordRecoveryAsync(officer, "王建国", "9800", "欠薪保障金垫付", "¥9,800.00");
        await Expect(recovered).ToHaveAttributeAsync("title", "¥9,800.00", new() { Timeout = Live });
        await RecordRecoveryAsync(officer, "周丽", "8600.50", "企业支付", "¥8,600.50");
        await Expect(recovered).ToHaveAttributeAsync("title", "¥18,400.50", new() { Timeout = Live });
        await Expect(wall.Locator("[data-testid=wall-recovered][data-source=WageGuaranteeFund]")).ToHaveAttributeAsync("title", "¥9,800.00");
        await Expect(wall.Locator("[data-testid=wall-recovered][data-source=Employer]")).ToHaveAttributeAsync("title", "¥8,600.50");
        await Expect(officer.GetByTestId("incident-summary")).ToContainTextAsync("已追回 ¥18,400.50");
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("story-4-recovered.png") });

        // Resolved and closed by the duty officer, in a second tab beside the wall.
        await MoveAsync(officer, "BeginResolving", "化解中");
        var desk = await dutyRoom.NewPageAsync();
        await desk.GotoAsync($"/incidents/{number}");
        await Expect(desk.GetByTestId("incident-number")).ToHaveTextAsync(number);
        await Pages.WaitUntilInteractiveAsync(desk);
        await MoveAsync(desk, "Resolve", "已化解");
        await Pages.ActAsync(desk, "Close");
        var closing = desk.GetByRole(AriaRole.Dialog);
        await Pages.TypeAsync(Field(closing, "close-outcome"), Outcome);
        await Field(closing, "close-recovered").ClearAsync();
        await Pages.TypeAsync(Field(closing, "close-recovered"), "18400.50");
        await Pages.TypeAsync(Field(closing, "close-referrals"), Referrals);
        await closing.GetByTestId("dialog-ok").ClickAsync();
        await Expect(desk.GetByTestId("incident-stage")).ToHaveTextAsync("已结案");
        await Expect(desk.GetByTestId("closure").GetByTestId("closure-recovered")).ToHaveTextAsync("¥18,400.50");
        await Expect(officer.GetByTestId("incident-stage")).ToHaveTextAsync("已结案", new() { Timeout = Live });

        // Closed, it leaves the wall's open totals, and what was recovered for it with them: they count open incidents only.
        await Expect(open).ToHaveTextAsync(openBefore, new() { Timeout = Live });
        await Expect(zhangpuII).ToHaveAttributeAsync("data-count", cellBefore.ToString(), new() { Timeout = Live });
        await Expect(recovered).ToHaveAttributeAsync("title", recoveredBefore!, new() { Timeout = Live });

        // 5. The month's bulletin: the incident chosen (grade II), its paragraph told from its history and closure; issued as Word.
        await desk.GotoAsync("/bulletins");
        await Pages.WaitUntilInteractiveAsync(desk);
        await desk.GetByTestId("bulletin-new").ClickAsync();
        await Expect(desk).ToHaveURLAsync(NewBulletinUrl());
        await Pages.WaitUntilInteractiveAsync(desk);
        await desk.GetByTestId("bulletin-compose").ClickAsync();
        var candidate = desk.Locator($"[data-candidate='{number}']");
        await Expect(candidate.Locator("input[type=checkbox]").First).ToBeCheckedAsync();
        var paragraphEditor = candidate.GetByTestId($"paragraph-{number}");
        var paragraphText = paragraphEditor.Locator("textarea").First;
        await Expect(paragraphText).ToHaveValueAsync(new Regex(Regex.Escape(Referrals)));
        await Expect(paragraphEditor).ToContainTextAsync("科家塑胶");
        await Expect(paragraphEditor).ToContainTextAsync("欠薪逃匿");
        var paragraph = await paragraphText.InputValueAsync();
        Assert.Contains("签收", paragraph);
        Assert.DoesNotContain("。。", paragraph);
        var heading = (await paragraphEditor.Locator("b").First.InnerTextAsync()).Trim();
        await desk.GetByTestId("sent-to").GetByLabel("苏州市总工会").CheckAsync();
        await desk.GetByTestId("distributed-to").GetByLabel("张浦镇总工会").CheckAsync();
        await desk.GetByTestId("bulletin-issue").ClickAsync();
        await Expect(desk).ToHaveURLAsync(IssuedBulletinUrl());
        var paper = desk.GetByTestId("bulletin-paper");
        await Expect(paper).ToContainTextAsync(heading);
        await Expect(paper).ToContainTextAsync(paragraph);
        var issue = (await desk.GetByTestId("bulletin-issue").InnerTextAsync()).Trim();
        await NoToastAsync(desk);
        await desk.Locator(".bulletin-sheet").ScreenshotAsync(new LocatorScreenshotOptions { Path = Repository.Screenshot("story-5-bulletin.png") });
        await ExpectNoEnumNamesAsync(desk);

        var download = await desk.RunAndWaitForDownloadAsync(() => desk.GetByTestId("bulletin-docx").ClickAsync());
        Assert.Equal($"工作简报{issue}.docx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"story-bulletin-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(saved);
        try
        {
            using var word = WordprocessingDocument.Open(saved, false);
            var lines = word.MainDocumentPart!.Document!.Body!.Descendants<WordParagraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(heading, lines);
            Assert.Contains(paragraph, lines);
            Assert.Contains(lines, l => l.Contains(issue, StringComparison.Ordinal));
            Assert.Contains("发：张浦镇总工会", lines);
        }
        finally
        {
            File.Delete(saved);
        }

        output.WriteLine($"the whole story took {story.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The administrator gives grade I–II's initial report one minute (it shows in minutes, so the amount alone does it).</summary>
    private async Task ShortenInitialReportAsync(AppProcess app)
    {
        await using var desk = await fixture.NewDesktopAsync(app);
        var admin = await desk.NewPageAsync();
        await Pages.SignInAsync(admin, "admin");
        await admin.Locator("[data-nav='/admin/playbook']").ClickAsync();
        var initialReport = admin.Locator("input[data-testid='InitialReport-Major'], [data-testid='InitialReport-Major'] input");
        await Expect(initialReport).ToHaveValueAsync("30");
        await initialReport.FillAsync("1");
        await admin.GetByTestId("playbook-save").ClickAsync();
        await Expect(admin.GetByText("应急预案已保存。")).ToBeVisibleAsync();
    }

    /// <summary>From the home page's engagement to the incident: 签收, and one of the department's standard tasks ticked.</summary>
    private static async Task SignForAsync(IPage page, ILocator arrived, string number, string department, string name, string task)
    {
        await arrived.ClickAsync();
        await Expect(page.GetByTestId("incident-number")).ToHaveTextAsync(number);
        await Pages.WaitUntilInteractiveAsync(page);
        var engagement = page.Locator($"[data-engagement={department}]");
        await engagement.GetByTestId("acknowledge").ClickAsync();
        await Expect(engagement.GetByTestId("acknowledged")).ToContainTextAsync(name);
        await engagement.GetByText(task).ClickAsync();
        await Expect(engagement.GetByRole(AriaRole.Checkbox, new() { Name = task })).ToBeCheckedAsync();
        await Expect(page.Locator("[data-testid=timeline] [data-kind=TaskDone] .timeline-sentence", new() { HasText = task }).First).ToBeVisibleAsync();
    }

    private static async Task RecordRecoveryAsync(IPage page, string worker, string amount, string source, string shown)
    {
        var row = page.GetByTestId("roster-table").Locator("tr", new() { HasText = worker });
        await row.GetByRole(AriaRole.Button, new() { Name = "登记追回" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Pages.TypeAsync(Field(dialog, "recovery-amount"), amount);
        await Pages.ChooseAsync(page, dialog.GetByLabel("资金来源"), source);
        await dialog.GetByTestId("dialog-ok").ClickAsync();
        await Expect(row).ToContainTextAsync(shown);
    }

    /// <summary>A stage move: its action, then "确定" in the question it asks.</summary>
    private static async Task MoveAsync(IPage page, string action, string stage)
    {
        await Pages.ActAsync(page, action);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("incident-stage")).ToHaveTextAsync(stage);
    }

    /// <summary>The input or text area of a Mud text field, whichever element carries its test id.</summary>
    private static ILocator Field(ILocator dialog, string testId) =>
        dialog.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>When the initial report falls due, from the database: the moment the wall must show its escalation.</summary>
    private static async Task<DateTime> InitialReportDueAsync(AppProcess app, string number)
    {
        var options = new DbContextOptionsBuilder<DisputesDbContext>().UseSqlite($"Data Source={app.DatabasePath}").Options;
        await using var db = new DisputesDbContext(options);
        try
        {
            var id = await db.Incidents.AsNoTracking().Where(i => i.Number == number).Select(i => i.Id).SingleAsync();
            var due = await db.PlanSteps.AsNoTracking()
                .Where(s => EF.Property<int>(s, "IncidentId") == id && s.Kind == PlanStepKind.InitialReport)
                .Select(s => s.DueAtUtc).SingleAsync();
            return DateTime.SpecifyKind(due, DateTimeKind.Utc);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>A screenshot of the screen itself: the short-lived "已保存" toasts gone.</summary>
    private static Task NoToastAsync(IPage page) =>
        page.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });

    private static async Task ExpectNoEnumNamesAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var shown = LatinWord().Matches(text).Select(m => m.Value).Where(EnumNames.Contains).Distinct().ToList();
        Assert.True(shown.Count == 0, $"{page.Url} shows {string.Join(", ", shown)}");
    }

    [GeneratedRegex("/incidents/ZP-\\d{4}-\\d{4}$")]
    private static partial Regex IncidentUrl();

    [GeneratedRegex("/bulletins/new$")]
    private static partial Regex NewBulletinUrl();

    [GeneratedRegex("/bulletins/\\d{4}/\\d+$")]
    private static partial Regex IssuedBulletinUrl();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
