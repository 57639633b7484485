using System.Net;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Account.Sessions;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

/// <summary>
/// The duty room's wall display: a kiosk session the security administrator issues, which outlasts the idle timeout,
/// opens the display screen and nothing else, and ends when revoked. A person's own session on the display does time out.
/// </summary>
public sealed partial class KioskTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private KioskSessions Kiosks => app.Services.GetRequiredService<KioskSessions>();

    [Fact]
    public async Task A_display_with_a_kiosk_session_still_shows_the_wall_the_next_day_and_opens_nothing_else()
    {
        var display = await RedeemAsync(await IssueAsync("值班室左屏", days: 30));
        Assert.Equal(HttpStatusCode.OK, (await display.GetAsync(KioskSessions.DisplayPath)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(26));

        var wall = await display.GetAsync(KioskSessions.DisplayPath);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        var html = WebUtility.HtmlDecode(await wall.Content.ReadAsStringAsync());
        Assert.True(html.Contains("全市劳资纠纷监测"), html);
        foreach (var path in new[] { "/", "/board", "/monitoring", "/enterprises", "/account/change-password", "/exports/cases.csv" })
        {
            var other = await display.GetAsync(path);
            Assert.True(other.StatusCode == HttpStatusCode.Redirect, $"{path}: {other.StatusCode}");
            Assert.Equal(KioskSessions.DisplayPath, Redirects.LocalTarget(other));
        }
    }

    [Fact]
    public async Task A_persons_own_session_on_the_display_times_out_when_idle()
    {
        var duty = await SignIn.AsAsync(app, "leader");
        Assert.Equal(HttpStatusCode.OK, (await duty.GetAsync(KioskSessions.DisplayPath)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(121));

        var stale = await duty.GetAsync(KioskSessions.DisplayPath);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal(AccountHostingExtensions.LoginPath, Redirects.LocalTarget(stale).Split('?')[0]);
    }

    [Fact]
    public async Task A_revoked_kiosk_session_opens_nothing_and_is_on_record()
    {
        var display = await RedeemAsync(await IssueAsync("值班室右屏", days: 7));
        var session = await app.WithDbAsync(db => db.UserSessions.Where(s => s.Label == "值班室右屏").Select(s => s.Id).SingleAsync());

        Assert.True(await Kiosks.RevokeAsync(session, await TestUsers.IdOfAsync(app, "security")));

        var after = await display.GetAsync(KioskSessions.DisplayPath);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(AccountHostingExtensions.LoginPath, Redirects.LocalTarget(after).Split('?')[0]);
        Assert.True(await app.WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.Type == SecurityEventType.KioskIssued && e.ActorName == "security")));
        Assert.True(await app.WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.Type == SecurityEventType.KioskRevoked && e.ActorName == "security")));
    }

    [Fact]
    public async Task A_code_works_once_and_not_after_it_expires()
    {
        var code = await IssueAsync("一次性", days: 1);
        await RedeemAsync(code);
        var again = await PostCodeAsync(app.CreateBrowserClient(), code);
        Assert.Contains("登录码无效或已过期", again);

        var late = await IssueAsync("过期", days: 1);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Contains("登录码无效或已过期", await PostCodeAsync(app.CreateBrowserClient(), late));
    }

    [Theory]
    [InlineData("", "zhang", 30, "Kiosk.Problem.Label")]
    [InlineData("大屏", "zhang", 0, "Kiosk.Problem.Days")]
    [InlineData("大屏", "zhang", 91, "Kiosk.Problem.Days")]
    [InlineData("大屏", "town", 30, "Kiosk.Problem.Account")]
    public async Task A_kiosk_needs_a_name_a_lifetime_within_the_limit_and_an_account_that_sees_the_city(string label, string account, int days, string problem)
    {
        var userId = await TestUsers.IdOfAsync(app, account == "town" ? "zp.officer" : "duty");

        var issued = await Kiosks.IssueAsync(new KioskRequest(label, userId, days), await TestUsers.IdOfAsync(app, "security"));

        Assert.Equal(problem, issued.Problem);
    }

    // ---- helpers ----

    private async Task<string> IssueAsync(string label, int days)
    {
        var issued = await Kiosks.IssueAsync(new KioskRequest(label, await TestUsers.IdOfAsync(app, "duty"), days), await TestUsers.IdOfAsync(app, "security"));
        Assert.True(issued.Succeeded, issued.Problem);
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", issued.Code);
        return issued.Code!;
    }

    /// <summary>The display's browser types the code (in lower case, without the dash, as a person might) and is sent to the wall.</summary>
    private async Task<HttpClient> RedeemAsync(string code)
    {
        var display = app.CreateBrowserClient();
        var form = await display.GetStringAsync(KioskSessions.RedeemPath);
        var response = await display.PostAsync(KioskSessions.RedeemPath, Form(form, code.Replace("-", "").ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(KioskSessions.DisplayPath, Redirects.LocalTarget(response));
        return display;
    }

    private static async Task<string> PostCodeAsync(HttpClient client, string code)
    {
        var form = await client.GetStringAsync(KioskSessions.RedeemPath);
        var response = await client.PostAsync(KioskSessions.RedeemPath, Form(form, code));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(string page, string code) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
        ["_handler"] = "kiosk",
        ["Input.Code"] = code,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
