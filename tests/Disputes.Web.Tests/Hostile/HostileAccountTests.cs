using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Hostile;

/// <summary>The app for the account forms, its sign-in rate limits raised so that each hostile case reaches the form's own checks.</summary>
public sealed class HostileAccountsApp : IDisposable
{
    public DisputesAppFactory App { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["SignIn:RateLimit:PerAddressPerMinute"] = "100000",
            ["SignIn:RateLimit:PerAccountPerMinute"] = "100000",
            ["SignIn:Block:Failures"] = "100000",
        },
    };

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The server-rendered account forms posted as a browser posts them (antiforgery token from the page), and the token
/// endpoints a hub client calls, with hostile names, passwords, return addresses and bodies. Nothing signs anyone in who
/// did not give their own name and password, nothing answers 500, a refusal is in Chinese, what is echoed back is text,
/// and a return address never leaves the site.
/// </summary>
public sealed partial class HostileAccountTests(HostileAccountsApp fixture) : IClassFixture<HostileAccountsApp>
{
    private const string SignInCookie = ".AspNetCore.Identity.Application";
    private DisputesAppFactory App => fixture.App;

    /// <summary>User name and password by case: none of them is a demo user's own name with its password.</summary>
    private static readonly Dictionary<string, (string UserName, string Password)> SignIns = new()
    {
        ["script-name"] = (HostileText.Script, SignIn.DemoPassword),
        ["img-onerror-name"] = (HostileText.ImgOnError, SignIn.DemoPassword),
        ["sql-name"] = ("zp.officer' --", "x"),
        ["sql-or-true"] = ("' OR '1'='1", "' OR '1'='1"),
        ["megabyte-name"] = (HostileText.Megabyte, SignIn.DemoPassword),
        ["megabyte-password"] = ("zp.officer", HostileText.Megabyte),
        ["nul-after-the-name"] = ("zp.officer\0", SignIn.DemoPassword),
        ["nul-inside-the-password"] = ("zp.officer", SignIn.DemoPassword + "\0"),
        ["zero-width-space-in-the-name"] = ("zp.\u200bofficer", SignIn.DemoPassword),
        ["cyrillic-o-in-the-name"] = ("zp.\u043efficer", SignIn.DemoPassword),
        ["rtl-override-name"] = ("\u202ereciffo.pz", SignIn.DemoPassword),
        ["escape-sequences"] = ("\u001b[2J\u0007zp.officer", SignIn.DemoPassword),
        ["lone-surrogate-name"] = ("zp.officer\ud800", SignIn.DemoPassword),
        ["wildcard-name"] = ("%", "%"),
        ["blank-name"] = ("   ", SignIn.DemoPassword),
        ["blank-password"] = ("zp.officer", ""),
    };

    /// <summary>Where a sign-in may be asked to go next: each of these leaves the site, and the sign-in goes home instead.</summary>
    public static TheoryData<string> ReturnUrls() =>
    [
        "javascript:alert(1)", "//evil.example/", "/\\evil.example", "https://evil.example/", "\\\\evil.example", "/\r\nSet-Cookie: x=1",
        "http:/evil.example", "/\t/evil.example", "  //evil.example",
    ];

    /// <summary>Bodies of <c>/account/token</c> and <c>/account/token/refresh</c>; none buys a token.</summary>
    private static readonly Dictionary<string, (string Path, string Body)> TokenBodies = new()
    {
        ["token:not-json"] = ("/account/token", "userName=zp.officer"),
        ["token:cut-short"] = ("/account/token", "{\"userName\":\"zp.officer\",\"pass"),
        ["token:null"] = ("/account/token", "null"),
        ["token:array"] = ("/account/token", "[]"),
        ["token:name-a-number"] = ("/account/token", "{\"userName\":42,\"password\":\"x\"}"),
        ["token:password-an-object"] = ("/account/token", "{\"userName\":\"zp.officer\",\"password\":{\"$ne\":\"\"}}"),
        ["token:code-a-number"] = ("/account/token", "{\"userName\":\"zp.officer\",\"password\":\"wrong\",\"code\":123456}"),
        ["token:code-of-a-megabyte"] = ("/account/token", "{\"userName\":\"zp.officer\",\"password\":\"wrong\",\"code\":\"" + new string('1', 1 << 20) + "\"}"),
        ["token:sql"] = ("/account/token", "{\"userName\":\"' OR 1=1 --\",\"password\":\"' OR 1=1 --\"}"),
        ["token:nul-name"] = ("/account/token", "{\"userName\":\"zp.officer\\u0000\",\"password\":\"" + SignIn.DemoPassword + "\"}"),
        ["refresh:not-json"] = ("/account/token/refresh", "refresh"),
        ["refresh:null"] = ("/account/token/refresh", "{\"refreshToken\":null}"),
        ["refresh:a-number"] = ("/account/token/refresh", "{\"refreshToken\":12345}"),
        ["refresh:a-megabyte"] = ("/account/token/refresh", "{\"refreshToken\":\"" + new string('a', 1 << 20) + "\"}"),
        ["refresh:sql"] = ("/account/token/refresh", "{\"refreshToken\":\"' OR 1=1 --\"}"),
        ["refresh:wildcard"] = ("/account/token/refresh", "{\"refreshToken\":\"%\"}"),
    };

    /// <summary>The change-password form, signed in: current, new and repeated; each is refused and the password stays.</summary>
    private static readonly Dictionary<string, (string Current, string New, string Repeat)> PasswordChanges = new()
    {
        ["new-of-a-megabyte"] = (SignIn.DemoPassword, HostileText.Megabyte, HostileText.Megabyte),
        ["current-of-a-megabyte"] = (HostileText.Megabyte, "Another-Pass-2026!", "Another-Pass-2026!"),
        ["new-is-markup"] = ("wrong-current", HostileText.Script, HostileText.Script),
        ["repeat-differs-by-a-zero-width-space"] = (SignIn.DemoPassword, "Another-Pass-2026!", "Another-Pass-2026!\u200b"),
        ["current-is-sql"] = ("' OR '1'='1", "Another-Pass-2026!", "Another-Pass-2026!"),
        ["all-blank"] = ("", "", ""),
    };

    public static TheoryData<string> SignInCases() => [.. SignIns.Keys];

    public static TheoryData<string> TokenCases() => [.. TokenBodies.Keys];

    public static TheoryData<string> PasswordCases() => [.. PasswordChanges.Keys];

    [Theory]
    [MemberData(nameof(SignInCases))]
    public async Task A_hostile_sign_in_is_refused_in_chinese_and_signs_no_one_in(string name)
    {
        var (userName, password) = SignIns[name];
        using var client = App.CreateBrowserClient();
        var sessions = await SessionsAsync();

        var response = await SignIn.PostAsync(client, userName, password);

        // The page again with the refusal; a form past the server's form limits (a megabyte) or with a NUL is a bad request.
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || !(userName.Length + password.Length > 100_000 || (userName + password).Contains('\0')))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Matches("用户名或密码错误|请输入用户名和密码", WebUtility.HtmlDecode(html));
        }

        Outcome.RendersInert(html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(SignInCookie, StringComparison.Ordinal)));
        Assert.Equal(sessions, await SessionsAsync());
        Assert.True(await App.WithDbAsync(db => db.SecurityEvents.AllAsync(e => e.UserName.Length <= SecurityEvent.UserNameMaxLength)));
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task A_sign_in_asked_to_go_off_the_site_goes_home(string returnUrl)
    {
        using var client = App.CreateBrowserClient();

        var response = await SignIn.PostAsync(client, "zp.chair", SignIn.DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Redirects.LocalTarget(response));
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task The_language_switch_asked_to_go_off_the_site_goes_home(string returnUrl)
    {
        using var client = App.CreateBrowserClient();

        var response = await client.GetAsync($"/culture/en?redirectUri={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Redirects.LocalTarget(response));
    }

    [Theory]
    [InlineData("no-antiforgery-token")]
    [InlineData("another-forms-handler")]
    [InlineData("remember-me-not-a-boolean")]
    [InlineData("fields-twice")]
    public async Task A_tampered_sign_in_form_is_refused_and_signs_no_one_in(string name)
    {
        using var client = App.CreateBrowserClient();
        var page = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", name == "another-forms-handler" ? "change-password" : "login"),
            new("Input.UserName", "zp.officer"),
            new("Input.Password", name == "fields-twice" ? "wrong" : SignIn.DemoPassword + "-wrong"),
        };
        if (name != "no-antiforgery-token")
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        if (name == "remember-me-not-a-boolean")
        {
            fields.Add(new("Input.RememberMe", "maybe"));
        }

        if (name == "fields-twice")
        {
            fields.Add(new("Input.Password", SignIn.DemoPassword));
        }

        var sessions = await SessionsAsync();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Outcome.NotServerError(response, name);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(sessions, await SessionsAsync());
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public async Task A_hostile_token_request_buys_no_token(string name)
    {
        var (path, body) = TokenBodies[name];
        using var client = App.CreateClient();
        var tokens = await App.WithDbAsync(db => db.RefreshTokens.CountAsync());

        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(tokens, await App.WithDbAsync(db => db.RefreshTokens.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(PasswordCases))]
    public async Task A_hostile_password_change_is_refused_in_chinese_and_the_password_stays(string name)
    {
        var (current, next, repeat) = PasswordChanges[name];
        var userName = await TestUsers.NewAsync(App);
        using var client = await SignIn.AsAsync(App, userName);
        var hash = await HashAsync(userName);

        var response = await SignIn.PostFormAsync(client, "/account/change-password", "change-password",
            new Dictionary<string, string> { ["Input.Current"] = current, ["Input.New"] = next, ["Input.Repeat"] = repeat });

        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.BadRequest && (current + next).Length > 100_000)
        {
            // Past the server's form limits: refused before the page reads it.
            Assert.Equal(hash, await HashAsync(userName));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[data-testid=password-error]");
        Assert.NotNull(error);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.TextContent);
        Outcome.RendersInert(html);
        Assert.Equal(hash, await HashAsync(userName));
    }

    private Task<int> SessionsAsync() => App.WithDbAsync(db => db.UserSessions.CountAsync());

    private Task<string?> HashAsync(string userName) => App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PasswordHash).SingleAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
