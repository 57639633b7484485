using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Data.Seeding;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        Assert.Equal(RefusedMessage, await ErrorOfAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Blank_fields_ask_for_both_and_count_no_failure()
    {
        var response = await SignIn.PostAsync(app.CreateBrowserClient(), "  ", "");

        Assert.Contains("请输入用户名和密码", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Wrong_passwords_block_this_address_for_the_account_without_locking_the_account()
    {
        const string userName = "lockout.test";
        await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt <= Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, userName, $"wrong-password-{attempt}");
        }

        var withRightPassword = await SignIn.PostAsync(client, userName, SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Equal(RefusedMessage, await ErrorOfAsync(withRightPassword));
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == userName));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
        var block = await app.WithDbAsync(db => db.SignInFailures.SingleAsync(f => f.NormalizedUserName == user.NormalizedUserName));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime + Policy.BlockDuration, block.BlockedUntilUtc);
    }

    [Fact]
    public async Task The_block_ends_after_its_minutes()
    {
        const string userName = "block.ends";
        await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, userName, "wrong-password");
        }

        app.Clock.Advance(Policy.BlockDuration + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, userName, SignIn.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Fewer_wrong_passwords_than_the_limit_do_not_block()
    {
        const string userName = "four.failures";
        await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt < Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, userName, $"wrong-password-{attempt}");
        }

        var response = await SignIn.PostAsync(client, userName, SignIn.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SignInFailures.AnyAsync(f => f.NormalizedUserName == "FOUR.FAILURES")),
            "The right password forgives the address's earlier mistakes.");
    }

    [Fact]
    public async Task Every_failure_before_the_password_is_proven_gives_the_same_message()
    {
        await CreateUserAsync("same.disabled", Roles.TownOfficer, active: false);
        await CreateUserAsync("same.blocked", Roles.TownOfficer);
        var client = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, "same.blocked", "wrong-password");
        }

        var messages = new List<string?>
        {
            await ErrorOfAsync(await SignIn.PostAsync(client, "nobody.at.all", "wrong-password")),
            await ErrorOfAsync(await SignIn.PostAsync(client, "zp.officer", "wrong-password")),
            await ErrorOfAsync(await SignIn.PostAsync(client, "same.disabled", "wrong-password")),
            await ErrorOfAsync(await SignIn.PostAsync(client, "same.blocked", "wrong-password")),
            await ErrorOfAsync(await SignIn.PostAsync(client, "same.blocked", SignIn.DemoPassword)),
        };

        Assert.All(messages, message => Assert.Equal(RefusedMessage, message));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_only_the_right_password_is_told_why()
    {
        const string userName = "disabled.before";
        await CreateUserAsync(userName, Roles.TownChair, active: false);

        var response = await SignIn.PostAsync(app.CreateBrowserClient(), userName, SignIn.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("该账户已停用，请联系安全管理员。", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task An_administrators_unlock_lifts_the_block()
    {
        const string userName = "unlock.me";
        var id = await CreateUserAsync(userName, Roles.TownOfficer);
        var client = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, userName, "wrong-password");
        }

        var administration = app.Services.GetRequiredService<UserAdministration>();
        Assert.NotNull(Assert.Single(await administration.ListAsync(), r => r.Id == id).LockedOutUntil);

        await administration.UnlockAsync(id, id);

        Assert.Null(Assert.Single(await administration.ListAsync(), r => r.Id == id).LockedOutUntil);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, userName, SignIn.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task Each_sign_in_failure_and_block_is_a_security_event()
    {
        const string userName = "events.test";
        var id = await CreateUserAsync(userName, Roles.TownOfficer);
        await CreateUserAsync("events.disabled", Roles.TownOfficer, active: false);
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SignInTests/1.0");

        await SignIn.PostAsync(client, userName, SignIn.DemoPassword);
        await SignIn.PostAsync(client, "events.nobody", "wrong-password");
        await SignIn.PostAsync(client, "events.disabled", SignIn.DemoPassword);
        for (var attempt = 1; attempt <= Policy.Block.Failures; attempt++)
        {
            await SignIn.PostAsync(client, userName, "wrong-password");
        }

        await SignIn.PostAsync(client, userName, SignIn.DemoPassword);

        var events = await app.WithDbAsync(db => db.SecurityEvents
            .Where(e => e.UserName.StartsWith("events.") && e.Channel != SignInChannel.Administration)
            .OrderBy(e => e.Id)
            .ToListAsync());
        Assert.Equal(
        [
            (SecurityEventType.SignIn, SecurityEventResult.Succeeded, userName),
            (SecurityEventType.SignInFailed, SecurityEventResult.UnknownUser, "events.nobody"),
            (SecurityEventType.SignInFailed, SecurityEventResult.AccountDisabled, "events.disabled"),
            .. Enumerable.Repeat((SecurityEventType.SignInFailed, SecurityEventResult.WrongPassword, userName), Policy.Block.Failures),
            (SecurityEventType.Lockout, SecurityEventResult.AddressBlocked, userName),
            (SecurityEventType.SignInFailed, SecurityEventResult.AddressBlocked, userName),
        ], events.Select(e => (e.Type, e.Result, e.UserName)));
        Assert.All(events, e => Assert.Equal(SignInChannel.Form, e.Channel));
        Assert.All(events, e => Assert.Equal("SignInTests/1.0", e.UserAgent));
        Assert.Equal(id, events[0].UserId);
        Assert.Null(events[1].UserId);
        Assert.All(events, e => Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, e.AtUtc));
    }

    [Fact]
    public async Task A_long_name_and_user_agent_are_cut_to_their_columns()
    {
        var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", new string('u', 1000));

        await SignIn.PostAsync(client, "long." + new string('n', 300), "wrong-password");

        var recorded = await app.WithDbAsync(db => db.SecurityEvents.SingleAsync(e => e.UserName.StartsWith("long.")));
        Assert.Equal(("long." + new string('n', 300))[..SecurityEvent.UserNameMaxLength], recorded.UserName);
        Assert.Equal(new string('u', SecurityEvent.UserAgentMaxLength), recorded.UserAgent);
    }

    [Fact]
    public async Task The_token_endpoint_answers_401_alike_and_records_its_events()
    {
        await CreateUserAsync("token.disabled", Roles.TownOfficer, active: false);
        var client = app.CreateBrowserClient();

        var unknown = await client.PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName = "token.nobody", password = "wrong-password" });
        var wrong = await client.PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName = "token.disabled", password = "wrong-password" });
        var disabled = await client.PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName = "token.disabled", password = SignIn.DemoPassword });
        var right = await client.PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName = "duty", password = SignIn.DemoPassword });

        Assert.All([unknown, wrong, disabled], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Single(await Task.WhenAll(new[] { unknown, wrong, disabled }.Select(r => r.Content.ReadAsStringAsync())).ContinueWith(t => t.Result.Distinct().ToList()));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var events = await app.WithDbAsync(db => db.SecurityEvents.Where(e => e.Channel == SignInChannel.Token).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
        [
            (SecurityEventType.SignInFailed, SecurityEventResult.UnknownUser, "token.nobody"),
            (SecurityEventType.SignInFailed, SecurityEventResult.WrongPassword, "token.disabled"),
            (SecurityEventType.SignInFailed, SecurityEventResult.AccountDisabled, "token.disabled"),
            (SecurityEventType.SignIn, SecurityEventResult.Succeeded, "duty"),
        ], events.Select(e => (e.Type, e.Result, e.UserName)));
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

    private const string RefusedMessage = "用户名或密码错误，或暂时无法登录。";

    private SignInPolicyOptions Policy => app.Services.GetRequiredService<IOptions<SignInPolicyOptions>>().Value;

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        var match = Regex.Match(await response.Content.ReadAsStringAsync(), "data-testid=\"login-error\".*?class=\"mud-alert-message[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim() : null;
    }

    private async Task<string> CreateUserAsync(string userName, string role, bool active = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var zhangpu = await db.Organisations.SingleAsync(o => o.Code == "ZP");
        var user = new AppUser { UserName = userName, DisplayName = "测试用户", OrganisationId = zhangpu.Id, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!active)
        {
            await app.Services.GetRequiredService<UserAdministration>().SetActiveAsync(user.Id, active: false, actingUserId: "an-administrator");
        }

        return user.Id;
    }
}
