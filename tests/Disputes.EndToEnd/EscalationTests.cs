using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// The plan enforcing itself, seen in browsers. Live push is issue 5: until then the duty officer's bell polls every
/// 15 s and the incident page shows escalations when loaded, so this test reloads the page and waits for the bell.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EscalationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task With_one_minute_timers_set_by_the_administrator_an_overdue_arrival_reaches_the_duty_officer()
    {
        // Its own app: one-minute timers would upset every other test on the shared one.
        await using var app = await AppProcess.StartAsync();

        await using var admin = await fixture.NewDesktopAsync(app);
        var adminPage = await admin.NewPageAsync();
        await Pages.SignInAsync(adminPage, "admin");
        await adminPage.Locator("[data-nav='/admin/playbook']").ClickAsync();
        // Grade I–II timers show in minutes (30 分钟), so the amount alone makes them one minute.
        await adminPage.Locator("input[data-testid='ArriveOnScene-Major'], [data-testid='ArriveOnScene-Major'] input").FillAsync("1");
        await adminPage.Locator("input[data-testid='level2'], [data-testid='level2'] input").FillAsync("1");
        await adminPage.GetByTestId("playbook-save").ClickAsync();
        await Expect(adminPage.GetByText("应急预案已保存。")).ToBeVisibleAsync();

        await using var phone = await fixture.NewPhoneAsync(app);
        var officer = await phone.NewPageAsync();
        await Pages.SignInAsync(officer, "zp.officer");
        await Pages.OpenLogFormAsync(officer);
        await Pages.PickEnterpriseAsync(officer, "科家", "昆山科家塑胶有限公司");
        await officer.GetByText("欠薪逃匿", new() { Exact = true }).ClickAsync();
        await officer.GetByLabel("涉及人数").FillAsync("150");
        await officer.GetByLabel("欠薪金额（元）").FillAsync("38万");
        await officer.GetByLabel("欠薪月数").FillAsync("3");
        await officer.GetByLabel("情况描述").FillAsync("老板失联，150名职工被拖欠三个月工资。");
        await Expect(officer.GetByTestId("suggested-grade")).ToContainTextAsync("Ⅱ级");
        await officer.GetByTestId("submit").ClickAsync();
        await Expect(officer).ToHaveURLAsync(IncidentUrl());
        var number = (await officer.GetByTestId("incident-number").TextContentAsync())!.Trim();

        await using var desktop = await fixture.NewDesktopAsync(app);
        var duty = await desktop.NewPageAsync();
        await Pages.SignInAsync(duty, "duty");
        await Expect(duty.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", "0");

        // Level 1 a minute after logging (the arrival is due): on the incident page, as a badge and on the timeline.
        await duty.GotoAsync($"/incidents/{number}");
        var badge = duty.GetByTestId("escalated").First;
        var deadline = DateTime.UtcNow.AddSeconds(100);
        while (!await badge.IsVisibleAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await duty.ReloadAsync();
        }

        await Expect(badge).ToContainTextAsync("升级 1级");
        await Expect(duty.GetByTestId("timeline")).ToContainTextAsync("“到场”超时，升级至第 1 级");

        // Level 2 a minute later is the duty officer's own: the bell counts it without a reload.
        await Expect(duty.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 100_000 });
        await duty.GetByTestId("bell").Locator("a, button").First.ClickAsync();
        var notification = duty.Locator($"[data-testid='notification'][data-incident='{number}']");
        await Expect(notification).ToHaveAttributeAsync("data-level", "2");
        await Expect(notification).ToContainTextAsync("到场已超时");
        await duty.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Screenshot("notifications-desktop.png") });

        await notification.GetByTestId("mark-read").ClickAsync();
        await Expect(notification).ToHaveAttributeAsync("data-read", "true");
        await duty.ReloadAsync();
        await Expect(duty.GetByTestId("bell")).ToHaveAttributeAsync("data-unread", "0");
    }

    [GeneratedRegex("/incidents/[A-Z]+-\\d{4}-\\d{4}$")]
    private static partial Regex IncidentUrl();
}
