using System.Net;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

/// <summary>
/// The security administrator's accounts, through the real sign-in form: a new account opens nothing until its
/// temporary password is changed; a reset does the same; a role fits its organisation; nobody changes their own account.
/// </summary>
public sealed partial class AccountLifecycleTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private UserAdministration Administration => app.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task A_new_account_must_change_its_temporary_password_before_anything_opens()
    {
        var zhangpu = await OrganisationAsync("ZP");
        var created = await Administration.CreateAsync(new NewAccount("  ZP.New1 ", "吴晓燕", zhangpu, Roles.TownOfficer), await IdAsync("security"));
        Assert.True(created.Succeeded, created.Problem);
        var temporary = created.TemporaryPassword!;
        Assert.Matches("^[a-z2-9]{12}$", temporary);

        var client = app.CreateBrowserClient();
        var signedIn = await SignIn.PostAsync(client, "zp.new1", temporary);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // Every page leads to the change; the live connection, the hub and an export are refused.
        var home = await client.GetAsync("/board?grade=II");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/change-password?returnUrl=%2Fboard%3Fgrade%3DII", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/incidents/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/exports/cases.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/account/change-password"));
        Assert.Contains("您的密码由安全管理员设置", page);
        var same = await ChangeAsync(client, temporary, temporary, temporary);
        Assert.Contains("新密码不能与当前密码相同", same);
        var wrong = await ChangeAsync(client, "not-the-password", "zhangpu-officer-2026", "zhangpu-officer-2026");
        Assert.Contains("当前密码不正确", wrong);
        var shortOne = await ChangeAsync(client, temporary, "short", "short");
        Assert.Contains("新密码至少 10 位", shortOne);

        var changed = await ChangeAsync(client, temporary, "zhangpu-officer-2026", "zhangpu-officer-2026", returnUrl: "/board?grade=II", expectRedirect: true);
        Assert.Equal("/board?grade=II", new Uri(new Uri("http://localhost"), changed).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board?grade=II")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "zp.new1").Select(u => u.MustChangePassword).SingleAsync()));
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignIn.PostAsync(app.CreateBrowserClient(), "zp.new1", temporary)).StatusCode);
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_must_be_changed_at_the_next_sign_in()
    {
        var security = await IdAsync("security");
        var yushan = await IdAsync("ys.officer");

        var reset = await Administration.ResetPasswordAsync(yushan, security);

        Assert.True(reset.Succeeded);
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignIn.PostAsync(app.CreateBrowserClient(), "ys.officer", SignIn.DemoPassword)).StatusCode);
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, "ys.officer", reset.TemporaryPassword!)).StatusCode);
        Assert.StartsWith("/account/change-password", (await client.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.True(Assert.Single(await Administration.ListAsync(), r => r.UserName == "ys.officer").MustChangePassword);
    }

    [Fact]
    public async Task A_role_must_fit_the_organisation_and_a_user_name_is_checked()
    {
        var zhangpu = await OrganisationAsync("ZP");
        var federation = await OrganisationAsync(Disputes.Data.Seeding.KunshanReferenceData.FederationCode);

        Assert.Equal("Users.Problem.Fit", (await Administration.CreateAsync(new NewAccount("zp.duty", "某某", zhangpu, Roles.FederationDutyOfficer), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.Fit", (await Administration.CreateAsync(new NewAccount("fed.officer", "某某", federation, Roles.TownOfficer), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.Role", (await Administration.CreateAsync(new NewAccount("fed.x", "某某", federation, "Root"), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.Organisation", (await Administration.CreateAsync(new NewAccount("fed.y", "某某", 999_999, Roles.CityLeader), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.UserName", (await Administration.CreateAsync(new NewAccount("王海涛", "王海涛", zhangpu, Roles.TownOfficer), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.UserName", (await Administration.CreateAsync(new NewAccount("a'; drop table--", "某某", zhangpu, Roles.TownOfficer), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.DisplayName", (await Administration.CreateAsync(new NewAccount("zp.blank", "  ", zhangpu, Roles.TownOfficer), await IdAsync("security"))).Problem);
        Assert.Equal("Users.Problem.Taken", (await Administration.CreateAsync(new NewAccount("ZP.OFFICER", "某某", zhangpu, Roles.TownOfficer), await IdAsync("security"))).Problem);
        // Nothing refused was half-saved.
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName == "zp.duty" || u.UserName == "fed.officer" || u.UserName == "zp.blank")));
    }

    [Fact]
    public async Task Nobody_changes_their_own_role_or_resets_their_own_password()
    {
        var security = await IdAsync("security");
        var federation = await OrganisationAsync(Disputes.Data.Seeding.KunshanReferenceData.FederationCode);

        Assert.Equal("Users.Problem.Self", (await Administration.AssignAsync(security, Roles.FederationDutyOfficer, federation, security)).Problem);
        Assert.Equal("Users.Problem.Self", (await Administration.ResetPasswordAsync(security, security)).Problem);
        Assert.Equal([Roles.SecurityAdministrator], Assert.Single(await Administration.ListAsync(), r => r.UserName == "security").Roles);
    }

    [Fact]
    public async Task A_new_role_and_organisation_replace_the_old_ones_and_end_the_users_sessions()
    {
        var security = await IdAsync("security");
        var chair = await IdAsync("zp.chair");
        var yushan = await OrganisationAsync("YS");
        var stamp = await app.WithDbAsync(db => db.Users.Where(u => u.Id == chair).Select(u => u.SecurityStamp).SingleAsync());

        var assigned = await Administration.AssignAsync(chair, Roles.TownOfficer, yushan, security);

        Assert.True(assigned.Succeeded, assigned.Problem);
        var row = Assert.Single(await Administration.ListAsync(), r => r.Id == chair);
        Assert.Equal([Roles.TownOfficer], row.Roles);
        Assert.Equal("玉山镇总工会", row.Organisation);
        Assert.NotEqual(stamp, await app.WithDbAsync(db => db.Users.Where(u => u.Id == chair).Select(u => u.SecurityStamp).SingleAsync()));
    }

    private async Task<int> OrganisationAsync(string code)
    {
        app.CreateClient();
        return await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
    }

    private async Task<string> IdAsync(string userName)
    {
        app.CreateClient();
        return await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
    }

    /// <summary>Posts the change-password form; the page's text when it stays, or where it sends the user.</summary>
    private static async Task<string> ChangeAsync(HttpClient client, string current, string next, string repeat, string? returnUrl = null, bool expectRedirect = false)
    {
        var path = "/account/change-password" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = await client.GetStringAsync(path);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value),
            ["_handler"] = "change-password",
            ["Input.Current"] = current,
            ["Input.New"] = next,
            ["Input.Repeat"] = repeat,
        }));
        if (expectRedirect)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.OriginalString;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
