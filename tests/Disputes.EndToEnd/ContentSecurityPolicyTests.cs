using Disputes.Domain;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Disputes.EndToEnd;

/// <summary>
/// The app's Content-Security-Policy (script only from the site and Blazor's import map by nonce, connections only to
/// the site) costs nothing a user would notice: in Chromium every main page loads, its circuit connects, and the
/// browser reports no violation, neither as an event nor on the console.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture, SeededCity city, ITestOutputHelper output) : IClassFixture<SeededCity>
{
    private const string CollectViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task The_main_pages_work_under_the_policy_and_the_browser_reports_no_violation()
    {
        await using var desktop = await fixture.NewDesktopAsync(city.App);
        await desktop.AddInitScriptAsync(CollectViolations);
        var page = await desktop.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add($"{page.Url}: {message.Text}");
            }
        };

        var response = await page.GotoAsync("/account/login");
        Assert.Contains("default-src 'self'", response!.Headers["content-security-policy"]);
        await Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();
        await AssertNoViolationAsync(page);

        await Pages.SignInAsync(page, "duty");
        await AssertNoViolationAsync(page);

        var incident = $"ZP-{ChinaTime.Now(TimeProvider.System).Year}-0001";
        await page.GotoAsync($"/incidents/{incident}");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("incident-number")).ToHaveTextAsync(incident);
        await AssertNoViolationAsync(page);

        await Pages.OpenLogFormAsync(page);
        await Pages.WaitUntilInteractiveAsync(page);
        await AssertNoViolationAsync(page);

        await page.GotoAsync("/monitoring");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("wall-open")).ToBeVisibleAsync();
        await AssertNoViolationAsync(page);

        await page.GotoAsync("/monitoring/display");
        await Pages.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("wall-open")).ToBeVisibleAsync();
        await AssertNoViolationAsync(page);

        Assert.True(console.Count == 0, string.Join(Environment.NewLine, console));

        // And the policy holds: a script slipped into the page (as injected markup would be) does not run, and both
        // watchers above see it refused.
        await page.EvaluateAsync(
            "() => document.body.appendChild(Object.assign(document.createElement('script'), { textContent: 'window.__injected = true' }))");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"));
        Assert.Contains("script-src", Assert.Single(await page.EvaluateAsync<string[]>("() => window.__cspViolations")));
        Assert.NotEmpty(console);
    }

    [Fact]
    public async Task The_administrators_jobs_dashboard_works_under_the_policy()
    {
        await using var desktop = await fixture.NewDesktopAsync(city.App);
        await desktop.AddInitScriptAsync(CollectViolations);
        var page = await desktop.NewPageAsync();
        await Pages.SignInAsync(page, "admin");

        await page.GotoAsync("/jobs");
        await Expect(page.GetByText("Recurring jobs").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertNoViolationAsync(page);
    }

    private async Task AssertNoViolationAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        output.WriteLine($"{page.Url}: {violations.Length} violation(s)");
        Assert.True(violations.Length == 0, $"{page.Url}: {string.Join("; ", violations)}");
    }
}
