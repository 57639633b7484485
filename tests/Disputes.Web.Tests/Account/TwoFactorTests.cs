using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Disputes.Web.Tests.Account;

/// <summary>The app with the production default: the administrators, federation duty officers and city leaders must use a second factor.</summary>
public sealed class RequiredTwoFactorApp : IDisposable
{
    public DisputesAppFactory App { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["SignIn:TwoFactor:RequiredFor"] = string.Join(",", SignInPolicyOptions.TwoFactorOptions.DefaultRequired),
        },
    };

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Two-factor sign-in through the real forms and the token endpoint: enrolment by scanning (the key read from the
/// page, codes computed here as an authenticator app does), the second step, recovery codes, one use per code, the
/// lockout that only wrong codes earn, the gate for roles that must enrol, and the security administrator's reset.
/// </summary>
public sealed partial class TwoFactorTests(RequiredTwoFactorApp fixture) : IClassFixture<RequiredTwoFactorApp>
{
    private DisputesAppFactory App => fixture.App;

    [Fact]
    public async Task A_duty_officer_must_set_up_an_authenticator_first_and_then_signs_in_with_password_and_code()
    {
        var userName = await TestUsers.NewAsync(App, Roles.FederationDutyOfficer, Disputes.Data.Seeding.KunshanReferenceData.FederationCode);
        var client = App.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, userName, SignIn.DemoPassword)).StatusCode);

        // Nothing opens before the authenticator is set up: pages lead to it, the live connection and the hub are refused.
        var board = await client.GetAsync("/board");
        Assert.Equal("/account/two-factor?returnUrl=%2Fboard", board.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/incidents/negotiate?negotiateVersion=1", null)).StatusCode);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/account/two-factor?returnUrl=%2Fboard"));
        Assert.Contains("您的岗位必须使用两步验证", page);
        Assert.Matches("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{500,}\"", page);
        var key = Key(page);
        // A reload shows the same key: the one already scanned stays good.
        Assert.Equal(key, Key(WebUtility.HtmlDecode(await client.GetStringAsync("/account/two-factor"))));

        var wrong = await EnableAsync(client, "123456" == Code(key) ? "654321" : "123456");
        Assert.Contains("验证码不正确或已过期", wrong);
        var halfWidth = await EnableAsync(client, "12345");
        Assert.Contains("验证码不正确或已过期", halfWidth);

        var enabled = await EnableAsync(client, Code(key));
        Assert.Contains("两步验证已开启", enabled);
        var codes = RecoveryCodes(enabled);
        Assert.Equal(TwoFactorEnrolment.RecoveryCodeCount, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);

        // Only keyed hashes of the recovery codes are stored.
        var stored = await App.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == db.Users.Single(u => u.UserName == userName).Id).Select(t => t.Value).ToListAsync());
        Assert.DoesNotContain(stored, value => codes.Any(code => value!.Contains(code, StringComparison.OrdinalIgnoreCase)));

        // The next sign-in asks for a code after the password, and the first step alone opens nothing.
        var next = App.CreateBrowserClient();
        var first = await SignIn.PostAsync(next, userName, SignIn.DemoPassword, returnUrl: "/board");
        Assert.Equal("/account/login/two-factor?returnUrl=%2Fboard", PathOf(first));
        Assert.StartsWith("/account/login", PathOf(await next.GetAsync("/board")));
        var second = await SecondStepAsync(next, Code(key, steps: 1), returnUrl: "/board");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/board", PathOf(second));
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/board")).StatusCode);

        var types = await EventsAsync(userName);
        Assert.Contains(SecurityEventType.TwoFactorEnabled, types);
        Assert.Contains(SecurityEventType.TwoFactorFailed, types);
        Assert.Contains(SecurityEventType.SignIn, types);
    }

    [Fact]
    public async Task The_setup_page_opened_several_times_at_once_shows_one_key_on_every_answer()
    {
        // The browser's navigation and its reload can ask for the page together; each answer must show the key that was stored.
        var userName = await TestUsers.NewAsync(App, Roles.FederationDutyOfficer, Disputes.Data.Seeding.KunshanReferenceData.FederationCode);
        var client = App.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, userName, SignIn.DemoPassword)).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(AccountGate.TwoFactorPath)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var keys = await Task.WhenAll(answers.Select(async a => Key(WebUtility.HtmlDecode(await a.Content.ReadAsStringAsync()))));
        var stored = await App.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == db.Users.Single(u => u.UserName == userName).Id).Select(t => t.Value).ToListAsync());
        var key = Assert.Single(stored);
        Assert.All(keys, k => Assert.Equal(key, k!.Replace(" ", "").ToUpperInvariant()));

        // Whichever answer's cookie the browser kept, it still opens the page, and the key still enables.
        var enabled = await EnableAsync(client, Code(key!));
        Assert.Contains("两步验证已开启", enabled);
    }

    [Fact]
    public async Task A_code_signs_in_once_a_hurried_spelling_of_it_counts_and_a_recovery_code_works_once()
    {
        var userName = await TestUsers.NewAsync(App);
        var (key, codes) = await EnrolAsync(userName);

        // Full-width digits from a Chinese keyboard, with the app's space in the middle.
        var code = Code(key);
        var typed = new string(code.Select(c => (char)(c - '0' + '０')).ToArray()).Insert(3, " ");
        var first = App.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(first, userName, SignIn.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(first, typed)).StatusCode);

        // The same code, read over a shoulder, is refused inside its window.
        var copy = App.CreateBrowserClient();
        await SignIn.PostAsync(copy, userName, SignIn.DemoPassword);
        var refused = await SecondStepAsync(copy, code);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("验证码不正确或已过期", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // A lost phone: a recovery code, in lower case, signs in once.
        var recovery = codes[3];
        var withRecovery = await SecondStepAsync(copy, recovery.ToLowerInvariant(), recovery: true);
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);
        var again = App.CreateBrowserClient();
        await SignIn.PostAsync(again, userName, SignIn.DemoPassword);
        var used = await SecondStepAsync(again, recovery, recovery: true);
        Assert.Contains("恢复码不正确或已用过", WebUtility.HtmlDecode(await used.Content.ReadAsStringAsync()));
        Assert.Contains("剩余可用恢复码：9 个", WebUtility.HtmlDecode(await copy.GetStringAsync("/account/two-factor")));
        Assert.Contains(SecurityEventType.RecoveryCodeUsed, await EventsAsync(userName));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_second_step_until_the_security_administrator_unlocks_it_while_wrong_passwords_lock_nothing()
    {
        var userName = await TestUsers.NewAsync(App);
        var (key, _) = await EnrolAsync(userName);

        // A stranger without the password never reaches the code, and earns nothing towards its lockout (four tries: the
        // fifth would block this test server's one address for the account, SignInAbuseTests' matter).
        for (var i = 0; i < 4; i++)
        {
            await SignIn.PostAsync(App.CreateBrowserClient(), userName, "not-the-password");
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.AccessFailedCount).SingleAsync()));

        var client = App.CreateBrowserClient();
        await SignIn.PostAsync(client, userName, SignIn.DemoPassword);
        var wrong = WrongCode(key);
        string last = "";
        for (var i = 0; i < 5; i++)
        {
            last = WebUtility.HtmlDecode(await (await SecondStepAsync(client, wrong)).Content.ReadAsStringAsync());
        }

        Assert.Contains("验证码错误次数过多，请 15 分钟后再试", last);
        var right = WebUtility.HtmlDecode(await (await SecondStepAsync(client, Code(key))).Content.ReadAsStringAsync());
        Assert.Contains("验证码错误次数过多", right);
        Assert.Contains(SecurityEventType.Lockout, await EventsAsync(userName));

        // The token endpoint is no side door past the lockout.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(userName, SignIn.DemoPassword, Code(key, steps: -1))).StatusCode);

        var administration = App.Services.GetRequiredService<UserAdministration>();
        await administration.UnlockAsync(await TestUsers.IdOfAsync(App, userName), await TestUsers.IdOfAsync(App, "security"));
        var fresh = App.CreateBrowserClient();
        await SignIn.PostAsync(fresh, userName, SignIn.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(fresh, Code(key, steps: 1))).StatusCode);
    }

    [Fact]
    public async Task The_token_endpoint_asks_a_client_that_proved_the_password_for_its_code_or_to_enrol_first()
    {
        var enrolled = await TestUsers.NewAsync(App);
        var (key, _) = await EnrolAsync(enrolled);

        var noCode = await TokenAsync(enrolled, SignIn.DemoPassword, null);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Equal("two_factor_required", (await noCode.Content.ReadFromJsonAsync<AccountHostingExtensions.TokenRefusal>())!.Error);
        // Who does not know the password learns nothing of a second factor.
        var stranger = await TokenAsync(enrolled, "not-the-password", null);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Empty(await stranger.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(enrolled, SignIn.DemoPassword, WrongCode(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(enrolled, SignIn.DemoPassword, Code(key))).StatusCode);

        var duty = await TestUsers.NewAsync(App, Roles.FederationDutyOfficer, Disputes.Data.Seeding.KunshanReferenceData.FederationCode);
        var notSetUp = await TokenAsync(duty, SignIn.DemoPassword, null);
        Assert.Equal(HttpStatusCode.Unauthorized, notSetUp.StatusCode);
        Assert.Equal("two_factor_enrolment_required", (await notSetUp.Content.ReadFromJsonAsync<AccountHostingExtensions.TokenRefusal>())!.Error);
    }

    [Fact]
    public async Task A_required_role_cannot_turn_it_off_and_an_optional_one_can_with_a_current_code()
    {
        var duty = await TestUsers.NewAsync(App, Roles.FederationDutyOfficer, Disputes.Data.Seeding.KunshanReferenceData.FederationCode);
        var (dutyKey, _) = await EnrolAsync(duty);
        var dutyClient = await SignInWithCodeAsync(duty, dutyKey);
        var dutyPage = WebUtility.HtmlDecode(await dutyClient.GetStringAsync("/account/two-factor"));
        Assert.Contains("不能关闭", dutyPage);
        Assert.DoesNotContain("data-testid=\"two-factor-disable\"", dutyPage);
        var forced = await ChangeAsync(dutyClient, Code(dutyKey, steps: 1), "disable");
        Assert.Contains("您的岗位必须使用两步验证，不能关闭", forced);
        Assert.True(await TwoFactorEnabledAsync(duty));

        var officer = await TestUsers.NewAsync(App);
        var (key, _) = await EnrolAsync(officer);
        var client = await SignInWithCodeAsync(officer, key);
        var renewed = await ChangeAsync(client, Code(key, steps: 1), "renew");
        Assert.Equal(TwoFactorEnrolment.RecoveryCodeCount, RecoveryCodes(renewed).Count);
        Assert.Contains("验证码不正确或已过期", await ChangeAsync(client, WrongCode(key), "disable"));
        Assert.True(await TwoFactorEnabledAsync(officer));
        await ChangeAsync(client, Code(key, steps: -1), "disable");
        Assert.False(await TwoFactorEnabledAsync(officer));
        // Off again: the password alone signs in.
        Assert.Equal("/", PathOf(await SignIn.PostAsync(App.CreateBrowserClient(), officer, SignIn.DemoPassword)));
        Assert.Contains(SecurityEventType.RecoveryCodesRenewed, await EventsAsync(officer));
        Assert.Contains(SecurityEventType.TwoFactorDisabled, await EventsAsync(officer));
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_phone_ending_the_sessions_and_the_role_enrols_again()
    {
        var duty = await TestUsers.NewAsync(App, Roles.FederationDutyOfficer, Disputes.Data.Seeding.KunshanReferenceData.FederationCode);
        var (key, _) = await EnrolAsync(duty);
        var client = await SignInWithCodeAsync(duty, key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
        var security = await TestUsers.IdOfAsync(App, "security");
        var administration = App.Services.GetRequiredService<UserAdministration>();
        var row = Assert.Single(await administration.ListAsync(), r => r.UserName == duty);
        Assert.True(row is { TwoFactorEnabled: true, TwoFactorRequired: true });

        Assert.Equal("Users.Problem.Self", (await administration.ResetAuthenticatorAsync(security, security)).Problem);
        Assert.True((await administration.ResetAuthenticatorAsync(row.Id, security)).Succeeded);

        Assert.StartsWith("/account/login", PathOf(await client.GetAsync("/board")));
        var again = App.CreateBrowserClient();
        Assert.Equal("/", PathOf(await SignIn.PostAsync(again, duty, SignIn.DemoPassword)));
        Assert.StartsWith("/account/two-factor", PathOf(await again.GetAsync("/board")));
        var newKey = Key(WebUtility.HtmlDecode(await again.GetStringAsync("/account/two-factor")));
        Assert.NotEqual(key, newKey);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal(0, await users.CountRecoveryCodesAsync((await users.FindByNameAsync(duty))!));
        }

        Assert.False(Assert.Single(await administration.ListAsync(), r => r.UserName == duty).TwoFactorEnabled);
        Assert.Contains(SecurityEventType.TwoFactorReset, await EventsAsync(duty));
        Assert.Equal("Users.Problem.NoAuthenticator", (await administration.ResetAuthenticatorAsync(
            await TestUsers.IdOfAsync(App, await TestUsers.NewAsync(App)), security)).Problem);
    }

    [Fact]
    public void The_roles_that_must_use_it_are_a_setting_and_a_misspelt_role_stops_the_start()
    {
        Assert.Equal(SignInPolicyOptions.TwoFactorOptions.DefaultRequired,
            App.Services.GetRequiredService<IOptionsMonitor<SignInPolicyOptions>>().CurrentValue.TwoFactor.Roles);
        Assert.Equal(
            [Roles.Administrator, Roles.SecurityAdministrator, Roles.AuditAdministrator, Roles.FederationDutyOfficer, Roles.CityLeader],
            new SignInPolicyOptions().TwoFactor.Roles);

        using var misspelt = new DisputesAppFactory { Settings = new Dictionary<string, string> { ["SignIn:TwoFactor:RequiredFor"] = "Administrator, DutyOfficer" } };
        var error = Assert.ThrowsAny<Exception>(() => misspelt.Server);
        Assert.Contains("SignIn:TwoFactor:RequiredFor", error.ToString());
    }

    /// <summary>Sets the authenticator up through the user's own manager, as the page does; answers the key and recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> Codes)> EnrolAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorEnrolment.RecoveryCodeCount))!.ToList();
        return ((await users.GetAuthenticatorKeyAsync(user))!, codes);
    }

    private async Task<HttpClient> SignInWithCodeAsync(string userName, string key)
    {
        var client = App.CreateBrowserClient();
        Assert.StartsWith(SecondFactor.Path, PathOf(await SignIn.PostAsync(client, userName, SignIn.DemoPassword)));
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(client, Code(key))).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code, string returnUrl = "/", bool recovery = false) =>
        SignIn.PostFormAsync(client, $"{SecondFactor.Path}?returnUrl={Uri.EscapeDataString(returnUrl)}" + (recovery ? "&recovery=true" : ""), "second-step",
            new Dictionary<string, string> { ["Input.Code"] = code });

    private static async Task<string> EnableAsync(HttpClient client, string code)
    {
        var response = await SignIn.PostFormAsync(client, AccountGate.TwoFactorPath, "two-factor-enable", new Dictionary<string, string> { ["EnableInput.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ChangeAsync(HttpClient client, string code, string action)
    {
        var response = await SignIn.PostFormAsync(client, AccountGate.TwoFactorPath, "two-factor-change",
            new Dictionary<string, string> { ["ChangeInput.Code"] = code, ["ChangeInput.Action"] = action });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> TokenAsync(string userName, string password, string? code) =>
        App.CreateClient().PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName, password, code });

    private Task<bool> TwoFactorEnabledAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TwoFactorEnabled).SingleAsync());

    private Task<List<SecurityEventType>> EventsAsync(string userName) =>
        App.WithDbAsync(db => db.SecurityEvents.Where(e => e.UserName == userName).Select(e => e.Type).ToListAsync());

    /// <summary>What the authenticator app shows, <paramref name="steps"/> 30-second steps from now (the server takes one either side).</summary>
    private static string Code(string key, int steps = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));

    /// <summary>A code the server would not take at this moment.</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-2, 5).Select(s => Code(key, s)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));
    }

    /// <summary>Where a redirect leads, as path and query (the pages' redirects are absolute, the gate's relative).</summary>
    private static string PathOf(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private static string Key(string page) => KeyPattern().Match(page).Groups[1].Value;

    private static List<string> RecoveryCodes(string page) => RecoveryPattern().Matches(page).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("data-testid=\"two-factor-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryPattern();
}
