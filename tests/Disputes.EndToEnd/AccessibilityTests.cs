using System.Text;
using Disputes.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// Issue 9: axe-core finds nothing serious or critical on any main page, on a phone and on a laptop, in the seeded demo
/// city (so the lists have incidents, steps overdue and escalations in them).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, SeededCity city) : IClassFixture<SeededCity>
{
    public static TheoryData<string> Devices => ["phone", "desktop"];

    private static string Seeded(int sequence) => $"ZP-{ChinaTime.Now(TimeProvider.System).Year}-{sequence:0000}";

    [Theory, MemberData(nameof(Devices))]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violations(string device)
    {
        await using var context = await NewContextAsync(device);
        var page = await context.NewPageAsync();
        var audit = new Audit();

        await page.GotoAsync("/account/login");
        await audit.CheckAsync(page, "sign-in");
        await page.GetByLabel("用户名").FillAsync("zp.officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await audit.CheckAsync(page, "sign-in with an error");

        audit.AssertClean();
    }

    [Theory, MemberData(nameof(Devices))]
    public async Task A_town_officers_pages_have_no_serious_or_critical_accessibility_violations(string device)
    {
        await using var context = await NewContextAsync(device);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "zp.officer");
        var audit = new Audit();

        await Settled(page);
        await audit.CheckAsync(page, "home");
        await Pages.OpenLogFormAsync(page);
        await audit.CheckAsync(page, "log form");
        await FillLogFormAsync(page);
        await audit.CheckAsync(page, "log form, filled in");
        await OpenAsync(page, "/board");
        await Expect(page.GetByTestId("board-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await audit.CheckAsync(page, "board, list");
        await OpenAsync(page, "/board?view=board");
        await audit.CheckAsync(page, "board, columns");
        // A seeded incident of its own per device: a roster is imported once.
        var incident = Seeded(device == "phone" ? 1 : 2);
        await OpenAsync(page, $"/incidents/{incident}");
        await Expect(page.GetByTestId("incident-number")).ToContainTextAsync(incident);
        await audit.CheckAsync(page, "incident");
        await ImportRosterAsync(page);
        await audit.CheckAsync(page, "incident with its roster");
        await OpenAsync(page, "/enterprises");
        var enterprise = page.GetByTestId("enterprises").Locator("a[href^='/enterprises/']").First;
        await Expect(enterprise).ToBeVisibleAsync();
        await audit.CheckAsync(page, "enterprises");
        await OpenAsync(page, (await enterprise.GetAttributeAsync("href"))!);
        await Expect(page.GetByTestId("enterprise-details")).ToBeVisibleAsync();
        await audit.CheckAsync(page, "enterprise");
        await OpenAsync(page, "/notifications");
        await audit.CheckAsync(page, "notifications");

        audit.AssertClean();
    }

    [Theory, MemberData(nameof(Devices))]
    public async Task Every_roles_home_page_has_no_serious_or_critical_accessibility_violations(string device)
    {
        var audit = new Audit();
        foreach (var user in new[] { "zp.chair", "labor.liaison", "duty", "leader", "admin", "security" })
        {
            await using var context = await NewContextAsync(device);
            var page = await context.NewPageAsync();
            await Pages.SignInAsync(page, user);
            await Settled(page);
            await audit.CheckAsync(page, $"home of {user}");
        }

        audit.AssertClean();
    }

    [Theory, MemberData(nameof(Devices))]
    public async Task The_administration_pages_have_no_serious_or_critical_accessibility_violations(string device)
    {
        await using var context = await NewContextAsync(device);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, "admin");
        var audit = new Audit();

        await OpenAsync(page, "/admin/playbook");
        await Expect(page.GetByTestId("playbook-durations")).ToBeVisibleAsync();
        await audit.CheckAsync(page, "playbook editor");
        await OpenAsync(page, "/admin/organisations");
        await Expect(page.GetByTestId("towns").Locator("tbody tr")).ToHaveCountAsync(11);
        await audit.CheckAsync(page, "organisations");

        await using var security = await NewContextAsync(device);
        var users = await security.NewPageAsync();
        await Pages.SignInAsync(users, "security");
        await OpenAsync(users, "/admin/users");
        await Expect(users.GetByTestId("users").Locator("tbody tr").First).ToBeVisibleAsync();
        await audit.CheckAsync(users, "users");

        await using var auditor = await NewContextAsync(device);
        var events = await auditor.NewPageAsync();
        await Pages.SignInAsync(events, "auditor");
        await OpenAsync(events, "/admin/security-events");
        await Expect(events.GetByTestId("security-events").Locator("tbody tr").First).ToBeVisibleAsync();
        await audit.CheckAsync(events, "security events");

        audit.AssertClean();
    }

    private Task<IBrowserContext> NewContextAsync(string device) =>
        device == "phone" ? fixture.NewPhoneAsync(city.App, injectsScripts: true) : fixture.NewDesktopAsync(city.App, injectsScripts: true);

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Pages.WaitUntilInteractiveAsync(page);
        await Settled(page);
    }

    /// <summary>Loaded: no list still shows its progress bar.</summary>
    private static Task Settled(IPage page) => Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);

    /// <summary>An enterprise with an open incident and a grade of the officer's own: the clear buttons, the warning and the reason field show.</summary>
    private static async Task FillLogFormAsync(IPage page)
    {
        await Pages.PickEnterpriseAsync(page, "斌沛", "昆山斌沛电子有限公司");
        await Expect(page.GetByTestId("open-incident")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "调整等级（可选）" }).ClickAsync();
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await Expect(page.Locator("[data-draft=OverrideReason]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    /// <summary>Two workers, so the roster's table, its ledger and its pager are on the page.</summary>
    private static async Task ImportRosterAsync(IPage page)
    {
        var roster = page.GetByTestId("roster");
        await roster.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "职工花名册.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("姓名,身份证号,手机号,欠薪金额\n张小明,320583198803124015,13812340001,6500\n李秀英,320583199207153025,13812340002,7200.50\n"),
        });
        await page.GetByTestId("roster-import").ClickAsync();
        await Expect(page.GetByTestId("roster-table")).ToContainTextAsync("李秀英");
    }

    /// <summary>The violations of every page a test opened, so one run names them all.</summary>
    private sealed class Audit
    {
        private readonly StringBuilder _found = new();

        public async Task CheckAsync(IPage page, string name)
        {
            foreach (var violation in await Axe.SeriousViolationsAsync(page))
            {
                _found.AppendLine($"  {name} ({page.Url}): {violation}");
            }
        }

        public void AssertClean() =>
            Assert.True(_found.Length == 0, $"axe-core {Axe.Version} found serious or critical violations:\n{_found}");
    }
}
