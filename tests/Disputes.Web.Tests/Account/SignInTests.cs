using System.Net;
using Disputes.Data;
using Disputes.Data.Seeding;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

public sealed class SignInTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/admin/organisations")]
    [InlineData("/jobs")]
    public async Task Anonymous_users_are_sent_to_sign_in(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Fact]
    public async Task The_sign_in_page_is_in_chinese_by_default()
    {
        var html = await app.CreateBrowserClient().GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("用户名", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Signing_in_returns_the_user_to_the_page_they_asked_for()
    {
        var response = await SignIn.PostAsync(app.CreateBrowserClient(), "leader", SignIn.DemoPassword, returnUrl: "/admin/organisations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/organisations", Redirects.LocalTarget(response));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var response = await SignIn.PostAsync(app.CreateBrowserClient(), "leader", SignIn.DemoPassword, returnUrl: "//evil.example/phish");

        Assert.Equal("/", Redirects.LocalTarget(response));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_in_chinese()
    {
        var client = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(client, "duty", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Blank_fields_ask_for_both_and_count_no_failure()
    {
        var response = await SignIn.PostAsync(app.CreateBrowserClient(), "  ", "");

        Assert.Contains("请输入用户名和密码", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        const string userName = "lockout.test";
        await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt <= AccountHostingExtensions.MaxFailedAccessAttempts; attempt++)
        {
            await SignIn.PostAsync(client, userName, $"wrong-password-{attempt}");
        }

        var withRightPassword = await SignIn.PostAsync(client, userName, SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("账户已锁定 15 分钟", WebUtility.HtmlDecode(await withRightPassword.Content.ReadAsStringAsync()));
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.NotNull(user.LockoutEnd);
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        const string userName = "four.failures";
        await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt < AccountHostingExtensions.MaxFailedAccessAttempts; attempt++)
        {
            await SignIn.PostAsync(client, userName, $"wrong-password-{attempt}");
        }

        var response = await SignIn.PostAsync(client, userName, SignIn.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        const string userName = "disabled.before";
        var id = await CreateUserAsync(userName, Roles.TownChair);
        await app.Services.GetRequiredService<UserAdministration>().SetActiveAsync(id, active: false, actingUserId: "an-administrator");

        var response = await SignIn.PostAsync(app.CreateBrowserClient(), userName, SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该账户已停用", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_within_a_minute()
    {
        const string userName = "disabled.during";
        var id = await CreateUserAsync(userName, Roles.TownChair);
        var client = await SignIn.AsAsync(app, userName);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await app.Services.GetRequiredService<UserAdministration>().SetActiveAsync(id, active: false, actingUserId: "an-administrator");
        app.Clock.Advance(TimeSpan.FromSeconds(61));

        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_key_ring_that_protects_sessions_lives_in_the_shared_database()
    {
        await SignIn.AsAsync(app, "leader");

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync());

        Assert.True(keys >= 1, "Sessions would not survive a move to another instance.");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await SignIn.AsAsync(app, "zp.chair");
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private async Task<string> CreateUserAsync(string userName, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var zhangpu = await db.Organisations.SingleAsync(o => o.Code == "ZP");
        var user = new AppUser { UserName = userName, DisplayName = "测试用户", OrganisationId = zhangpu.Id, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}
