using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Disputes.Domain;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// One incident from logging to the follow-up visit, through every command the incident page offers, in Chinese, by the
/// people whose roles the commands need, each in their own browser, over a link that holds every packet back 150 ms each
/// way. Every dialog is typed into at a person's pace as soon as it opens, and what was typed must come back whole.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IncidentWorkflowTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Every member name of every enum of the domain: none of them may reach a sentence a person reads.</summary>
    private static readonly HashSet<string> EnumNames = typeof(Money).Assembly.GetTypes().Where(t => t.IsEnum)
        .SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task An_incident_goes_through_every_command_over_a_slow_link_and_its_timeline_reads_as_chinese_sentences()
    {
        var walk = Stopwatch.StartNew();

        var officer = await SignedInAsync("zp.officer");
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, "斌沛", "昆山斌沛电子有限公司");
        await officer.GetByText("拖欠工资", new() { Exact = true }).ClickAsync();
        // The departments are engaged by hand below, through the incident page.
        await officer.GetByTestId("engage-now").UncheckAsync();
        await officer.GetByLabel("涉及人数").FillAsync("12");
        await officer.GetByLabel("欠薪金额（元）").FillAsync("8万");
        await officer.GetByLabel("欠薪月数").FillAsync("2");
        await officer.GetByLabel("情况描述").FillAsync("企业拖欠12名职工两个月工资，职工在厂区办公楼前聚集。");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer).ToHaveURLAsync(IncidentUrl());
        var number = (await officer.GetByTestId("incident-number").InnerTextAsync()).Trim();
        await Pages.WaitUntilInteractiveAsync(officer);

        // 到场, 初报, 书面报告, 联动.
        await ActAsync(officer, "ConfirmArrival");
        await Dialog(officer).GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.GetByTestId("incident-stage")).ToHaveTextAsync("处置中");
        await Expect(officer.Locator("[data-step='ArriveOnScene.1']")).ToContainTextAsync("完成");

        await TextDialogAsync(officer, "ReportUpward", "已电话报告市总工会值班室，现场秩序平稳。");
        await ExpectSentenceAsync(officer, "ReportedUpward", "已电话报告市总工会值班室，现场秩序平稳。");
        await Expect(officer.Locator("[data-step='InitialReport.1']")).ToContainTextAsync("完成");

        await TextDialogAsync(officer, "SubmitWrittenReport", "张浦镇斌沛电子欠薪情况书面报告：涉及职工12人，欠薪8万元。");
        await ExpectSentenceAsync(officer, "WrittenReport", "张浦镇斌沛电子欠薪情况书面报告：涉及职工12人，欠薪8万元。");

        await ActAsync(officer, "EngageDepartment");
        // 拖欠工资: the plan requires labour inspection and justice, and the dialog has them ticked already.
        await Expect(Dialog(officer).GetByRole(AriaRole.Checkbox, new() { Name = "劳动监察 · 预案要求" })).ToBeCheckedAsync();
        await Expect(Dialog(officer).GetByRole(AriaRole.Checkbox, new() { Name = "司法 · 预案要求" })).ToBeCheckedAsync();
        await Dialog(officer).GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.Locator("[data-engagement=LaborInspection]")).ToContainTextAsync("待签收");
        await Expect(officer.Locator("[data-engagement=Justice]")).ToContainTextAsync("待签收");

        // The city's labour liaison acknowledges, ticks a standard task and adds one of their own with a due time.
        var liaison = await SignedInAsync("labor.liaison", number);
        var labour = liaison.Locator("[data-engagement=LaborInspection]");
        await labour.GetByTestId("acknowledge").ClickAsync();
        await Expect(labour.GetByTestId("acknowledged")).ToContainTextAsync("李娜");
        await labour.GetByText("核实欠薪情况").ClickAsync();
        await Expect(labour.GetByRole(AriaRole.Checkbox, new() { Name = "核实欠薪情况" })).ToBeCheckedAsync();
        await ExpectSentenceAsync(liaison, "TaskDone", "完成任务：核实欠薪情况");
        await labour.GetByTestId("add-task").ClickAsync();
        await TypeAsync(Dialog(liaison), "dialog-text", "调取企业近三个月工资发放记录");
        await TypeAsync(Dialog(liaison), "dialog-hours", "48");
        var dueFrom = DateTime.UtcNow.AddHours(48);
        await Dialog(liaison).GetByTestId("dialog-ok").ClickAsync();
        await Expect(labour).ToContainTextAsync("调取企业近三个月工资发放记录");
        await ExpectSentenceAsync(liaison, "TaskAdded", "增加任务：调取企业近三个月工资发放记录，限 ");
        // Due 48 hours after the tap on 确定, in China time (the minute may turn over on the way).
        var due = new[] { dueFrom, dueFrom.AddMinutes(1) }.Select(d => "时限 " + ChinaTime.FromUtc(d).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture));
        var taskStep = await liaison.Locator("[data-step='Task.LaborInspection.1']").InnerTextAsync();
        Assert.True(due.Any(taskStep.Contains), $"'{taskStep}' is not due at {string.Join(" or ", due)}");

        // Zhangpu's justice office acknowledges for justice.
        var justice = await SignedInAsync("zp.justice", number);
        await justice.Locator("[data-engagement=Justice]").GetByTestId("acknowledge").ClickAsync();
        await Expect(justice.Locator("[data-engagement=Justice] [data-testid=acknowledged]")).ToContainTextAsync("刘洋");

        // The federation's duty officer gives the resolution to the justice office, and adds a task for it.
        var duty = await SignedInAsync("duty", number);
        await duty.Locator("[data-step='Resolve.1'] [data-testid=reassign]").ClickAsync();
        await ChooseAsync(duty, Dialog(duty).GetByTestId("dialog-owner"), "张浦司法所");
        await TypeAsync(Dialog(duty), "dialog-text", "由司法所牵头组织人民调解");
        await Dialog(duty).GetByTestId("dialog-ok").ClickAsync();
        await Expect(duty.Locator("[data-step='Resolve.1'] [data-testid=owner]")).ToHaveTextAsync("张浦司法所");
        await ExpectSentenceAsync(duty, "StepReassigned", "改派给张浦司法所，原因：由司法所牵头组织人民调解");
        await duty.Locator("[data-engagement=Justice]").GetByTestId("add-task").ClickAsync();
        await TypeAsync(Dialog(duty), "dialog-text", "为职工申请法律援助并准备仲裁材料");
        await Dialog(duty).GetByTestId("dialog-ok").ClickAsync();
        await Expect(duty.Locator("[data-engagement=Justice]")).ToContainTextAsync("为职工申请法律援助并准备仲裁材料");
        await ExpectSentenceAsync(duty, "TaskAdded", "为司法增加任务：为职工申请法律援助并准备仲裁材料");

        // Back on the officer's page, which has followed all of that live.
        await ExpectSentenceAsync(officer, "TaskAdded", "为职工申请法律援助并准备仲裁材料");
        await TextDialogAsync(officer, "AddNote", "企业负责人已到场，承诺本周五前先行支付一个月工资。");
        await ExpectSentenceAsync(officer, "Note", "企业负责人已到场，承诺本周五前先行支付一个月工资。");

        var resolveStep = officer.Locator("[data-step='Resolve.1']");
        await resolveStep.GetByTestId("pause").ClickAsync();
        await TypeAsync(Dialog(officer), "dialog-text", "等待劳动人事争议仲裁委员会裁决");
        await Dialog(officer).GetByTestId("dialog-ok").ClickAsync();
        await Expect(resolveStep).ToContainTextAsync("已暂停");
        await ExpectSentenceAsync(officer, "StepPaused", "原因：等待劳动人事争议仲裁委员会裁决");
        await resolveStep.GetByTestId("resume").ClickAsync();
        await Expect(resolveStep.GetByTestId("pause")).ToBeVisibleAsync();
        await Expect(resolveStep.GetByTestId("countdown")).ToBeVisibleAsync();
        await Expect(officer.Locator("[data-kind=StepResumed]")).ToHaveCountAsync(1);

        // Corrections: the facts on site, then the type.
        await ActAsync(officer, "EditDetails");
        var details = Dialog(officer);
        await Field(details, "details-workers").ClearAsync();
        await TypeAsync(details, "details-workers", "15");
        await Field(details, "details-location").ClearAsync();
        await TypeAsync(details, "details-location", "张浦镇振新东路219号厂区南门外");
        await details.GetByText("堵塞道路").ClickAsync();
        await details.GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.GetByTestId("incident-summary")).ToContainTextAsync("涉及 15 人");
        await Expect(officer.GetByText("地点：张浦镇振新东路219号厂区南门外")).ToBeVisibleAsync();
        await Expect(officer.GetByText("加重情节：堵塞道路")).ToBeVisibleAsync();
        await ExpectSentenceAsync(officer, "DetailsChanged", "涉及职工人数由“12”改为“15”");
        await ExpectSentenceAsync(officer, "DetailsChanged", "由“无”改为“堵塞道路”");

        await ActAsync(officer, "CorrectType");
        await ChooseAsync(officer, Dialog(officer).GetByTestId("dialog-type"), "欠薪逃匿");
        await TypeAsync(Dialog(officer), "dialog-text", "经核实企业负责人已失联");
        await Dialog(officer).GetByTestId("dialog-ok").ClickAsync();
        await Expect(officer.GetByTestId("incident-type")).ToHaveTextAsync("欠薪逃匿");
        await ExpectSentenceAsync(officer, "TypeCorrected", "由拖欠工资更正为欠薪逃匿，理由：经核实企业负责人已失联；预案新增联动：公安");

        // The roster, and what the wage guarantee fund advanced to one worker.
        await officer.GetByTestId("roster").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "斌沛电子欠薪职工花名册.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("姓名,身份证号,手机号,欠薪金额\n张小明,320583198803124015,13812340001,6500\n李秀英,320583199207153025,13812340002,7200.50\n"),
        });
        await Expect(officer.GetByTestId("roster-valid")).ToHaveTextAsync("有效 2 行");
        await Expect(officer.GetByTestId("roster-total")).ToHaveTextAsync("欠薪合计 ¥13,700.50");
        await officer.GetByTestId("roster-import").ClickAsync();
        var roster = officer.GetByTestId("roster-table");
        await Expect(roster).ToContainTextAsync("李秀英");
        await ExpectSentenceAsync(officer, "WorkersImported", "导入职工名册 2 人，欠薪合计 ¥13,700.50");

        await roster.Locator("tr", new() { HasText = "张小明" }).GetByRole(AriaRole.Button, new() { Name = "登记追回" }).ClickAsync();
        var recovery = Dialog(officer);
        await TypeAsync(recovery, "recovery-amount", "5000");
        await ChooseAsync(officer, recovery.GetByLabel("资金来源"), "欠薪保障金垫付");
        await TypeAsync(recovery.GetByLabel("备注"), "市欠薪保障金先行垫付");
        await recovery.GetByTestId("dialog-ok").ClickAsync();
        await Expect(roster.Locator("tr", new() { HasText = "张小明" })).ToContainTextAsync("¥5,000.00");
        await Expect(officer.GetByTestId("incident-summary")).ToContainTextAsync("已追回 ¥5,000.00");
        await ExpectSentenceAsync(officer, "RecoveryRecorded", "登记追回：张小明 ¥5,000.00，来源：欠薪保障金垫付");

        // The town chair re-grades, and the incident moves on to its close.
        var chair = await SignedInAsync("zp.chair", number);
        await ActAsync(chair, "ChangeGrade");
        await ChooseAsync(chair, Dialog(chair).GetByLabel("响应等级"), "Ⅱ级 重大");
        await TypeAsync(Dialog(chair), "dialog-text", "职工堵塞道路，按预案提级处置");
        await Dialog(chair).GetByTestId("dialog-ok").ClickAsync();
        await Expect(chair.GetByTestId("incident-grade")).ToContainTextAsync("Ⅱ级");
        await ExpectSentenceAsync(chair, "GradeChanged", "调整为Ⅱ级 重大，理由：职工堵塞道路，按预案提级处置");

        await ExpectSentenceAsync(officer, "GradeChanged", "职工堵塞道路，按预案提级处置");
        await MoveAsync(officer, "BeginResolving", "化解中");
        await ExpectSentenceAsync(chair, "StageChanged", "转入“化解中”");
        await MoveAsync(chair, "Resolve", "已化解");

        await ActAsync(chair, "Close");
        var closing = Dialog(chair);
        await TypeAsync(closing, "close-outcome", "企业筹款并经保障金垫付，已支付全部欠薪");
        await Field(closing, "close-recovered").ClearAsync();
        await TypeAsync(closing, "close-recovered", "5000");
        await TypeAsync(closing, "close-referrals", "企业负责人涉嫌拒不支付劳动报酬罪，已移送公安");
        await TypeAsync(closing, "close-lessons", "对用工规模较大的企业加强工资支付监测");
        await closing.GetByTestId("dialog-ok").ClickAsync();
        var closure = chair.GetByTestId("closure");
        await Expect(chair.GetByTestId("incident-stage")).ToHaveTextAsync("已结案");
        await Expect(closure.GetByTestId("closure-outcome")).ToHaveTextAsync("企业筹款并经保障金垫付，已支付全部欠薪");
        await Expect(closure.GetByTestId("closure-recovered")).ToHaveTextAsync("¥5,000.00");
        await Expect(closure.GetByTestId("closure-ledger")).ToHaveTextAsync("欠薪保障金垫付 ¥5,000.00");
        await Expect(closure.GetByTestId("closure-referrals")).ToHaveTextAsync("企业负责人涉嫌拒不支付劳动报酬罪，已移送公安");
        await Expect(closure.GetByTestId("closure-lessons")).ToHaveTextAsync("对用工规模较大的企业加强工资支付监测");

        await ActAsync(chair, "CompleteFollowUp");
        var visit = Dialog(chair);
        await visit.GetByText("拖欠工资已付清").ClickAsync();
        await TypeAsync(visit, "dialog-text", "回访十五名职工，均已领到工资并返岗");
        await Expect(visit.GetByRole(AriaRole.Switch, new() { Name = "拖欠工资已付清" })).ToBeCheckedAsync();
        await visit.GetByTestId("dialog-ok").ClickAsync();
        await Expect(closure.GetByTestId("closure-follow-up")).ToContainTextAsync("已于");
        await ExpectSentenceAsync(chair, "FollowUpCompleted", "完成回访：工资已付清，职工尚未安置。回访十五名职工，均已领到工资并返岗");
        walk.Stop();
        output.WriteLine($"the whole walk took {walk.Elapsed.TotalSeconds:0.0} s (sign-in to follow-up, 150 ms each way)");

        var sentences = await chair.GetByTestId("timeline").Locator(".timeline-sentence").AllInnerTextsAsync();
        Assert.NotEmpty(sentences);
        Assert.All(sentences, sentence =>
        {
            Assert.Matches(Cjk(), sentence);
            var enumWords = LatinWord().Matches(sentence).Select(m => m.Value).Where(EnumNames.Contains).ToList();
            Assert.True(enumWords.Count == 0, $"“{sentence}” shows {string.Join(", ", enumWords)}");
        });
        Assert.Contains(sentences, s => s.Contains("等待劳动人事争议仲裁委员会裁决", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Contains("欠薪保障金垫付", StringComparison.Ordinal) && s.Contains("登记追回", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Contains("堵塞道路", StringComparison.Ordinal) && s.Contains("加重情节", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Contains("完成回访", StringComparison.Ordinal));

        await chair.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("incident-workflow-desktop.png"), FullPage = true });
        var phone = await SignedInAsync("zp.officer", number, Phone);
        await Expect(phone.Locator("[data-kind=FollowUpCompleted]")).ToBeVisibleAsync();
        // The screen an officer sees on scrolling down to the record: its heading just below the app bar.
        await phone.GetByText("处置记录", new() { Exact = true }).EvaluateAsync("h => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 72)");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("incident-timeline-phone.png") });
    }

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "zh-CN" };

    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true, Locale = "zh-CN",
    };

    private readonly List<IBrowserContext> _contexts = [];
    private LatencyProxy _proxy = default!;

    public Task InitializeAsync()
    {
        _proxy = LatencyProxy.Start(fixture.App.BaseAddress, TimeSpan.FromMilliseconds(150));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _proxy.DisposeAsync();
    }

    /// <summary>A browser of the user's own, through the slow link, signed in, on the incident when there is one.</summary>
    private async Task<IPage> SignedInAsync(string userName, string? number = null, BrowserNewContextOptions? device = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions(device ?? Desktop) { BaseURL = _proxy.BaseAddress.ToString() });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, userName);
        if (number is not null)
        {
            await page.GotoAsync($"/incidents/{number}");
            await Expect(page.GetByTestId("incident-number")).ToHaveTextAsync(number);
            await Pages.WaitUntilInteractiveAsync(page);
        }

        return page;
    }

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static Task ActAsync(IPage page, string action) => Pages.ActAsync(page, action);

    /// <summary>The input or text area of a Mud text field, whichever element carries its test id.</summary>
    private static ILocator Field(ILocator dialog, string testId) =>
        dialog.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private static Task TypeAsync(ILocator dialog, string testId, string text) => TypeAsync(Field(dialog, testId), text);

    private static Task TypeAsync(ILocator field, string text) => Pages.TypeAsync(field, text);

    private static async Task TextDialogAsync(IPage page, string action, string text)
    {
        await ActAsync(page, action);
        await TypeAsync(Dialog(page), "dialog-text", text);
        await Dialog(page).GetByTestId("dialog-ok").ClickAsync();
    }

    private static Task ChooseAsync(IPage page, ILocator select, string option) => Pages.ChooseAsync(page, select, option);

    /// <summary>A stage move: its button, then "确定" in the question it asks.</summary>
    private static async Task MoveAsync(IPage page, string action, string stage)
    {
        await ActAsync(page, action);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("incident-stage")).ToHaveTextAsync(stage);
    }

    private static Task ExpectSentenceAsync(IPage page, string kind, string text) =>
        Expect(page.Locator($"[data-testid=timeline] [data-kind={kind}] .timeline-sentence", new() { HasText = text }).First).ToBeVisibleAsync();

    [GeneratedRegex("/incidents/ZP-\\d{4}-\\d{4}$")]
    private static partial Regex IncidentUrl();

    [GeneratedRegex("\\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
