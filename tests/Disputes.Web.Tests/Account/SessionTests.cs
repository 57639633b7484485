using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Account.Sessions;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Tests.Account;

/// <summary>
/// Sessions end on the server: a copy of a cookie is worth nothing after sign-out, an idle or too old session ends,
/// and the security administrator's changes end a user's cookies at once and their open pages at the next minute's check.
/// Each test signs in its own demo user, so the tests of the class do not end each other's sessions.
/// </summary>
public sealed partial class SessionTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task After_sign_out_a_copy_of_the_session_cookie_opens_nothing()
    {
        var userName = await TestUsers.NewAsync(app);
        var (browser, cookie) = await SignInWithCookieAsync(userName);
        var copy = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/board")).StatusCode);

        var signedOut = await browser.PostAsync(AccountHostingExtensions.LogoutPath, new FormUrlEncodedContent([new("__RequestVerificationToken", await LayoutTokenAsync(browser))]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replayed = await copy.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal(AccountHostingExtensions.LoginPath, Redirects.LocalTarget(replayed).Split('?')[0]);
        var session = await LatestSessionAsync(userName);
        Assert.Equal(SessionEndReason.SignedOut, session.EndReason);
        Assert.True(await app.WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.Type == SecurityEventType.SignedOut && e.UserName == userName)));
    }

    [Fact]
    public async Task A_session_without_activity_for_the_idle_timeout_ends_and_one_in_use_lasts_until_its_absolute_end()
    {
        var (idleUser, busyUser) = (await TestUsers.NewAsync(app), await TestUsers.NewAsync(app));
        var idle = await SignIn.AsAsync(app, idleUser);
        var busy = await SignIn.AsAsync(app, busyUser);

        // Busy: a request (or a tap, which app.js turns into one) every 100 minutes. Idle: nothing for 200.
        app.Clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(HttpStatusCode.NoContent, (await busy.GetAsync(AccountHostingExtensions.KeepAlivePath)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/board")).StatusCode);
        Assert.Equal(SessionEndReason.Idle, (await LatestSessionAsync(idleUser)).EndReason);

        for (var elapsed = 200; elapsed < 12 * 60 - 100; elapsed += 100)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(100));
            Assert.Equal(HttpStatusCode.NoContent, (await busy.GetAsync(AccountHostingExtensions.KeepAlivePath)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/board")).StatusCode);
        var sessions = app.Services.GetRequiredService<UserSessions>();
        Assert.Equal(SessionEndReason.Expired, sessions.EndOf(await LatestSessionAsync(busyUser), app.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_cookie_at_once_and_their_open_page_at_the_next_check()
    {
        var userName = await TestUsers.NewAsync(app);
        var (browser, cookie) = await SignInWithCookieAsync(userName);
        var page = new AuthenticationState(PrincipalOf(cookie));
        var revalidation = new RevalidatingAuthenticationStateProvider(NullLoggerFactory.Instance, app.Services.GetRequiredService<IServiceScopeFactory>());
        Assert.True(await revalidation.IsStillValidAsync(page, CancellationToken.None));

        Assert.True(await app.Services.GetRequiredService<UserAdministration>().SetActiveAsync(await TestUsers.IdOfAsync(app, userName), false, await TestUsers.IdOfAsync(app, "security")));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/board")).StatusCode);
        Assert.False(await revalidation.IsStillValidAsync(page, CancellationToken.None));
        Assert.Equal(SessionEndReason.AccountChanged, (await LatestSessionAsync(userName)).EndReason);
    }

    [Fact]
    public async Task A_new_role_ends_the_old_sessions_and_the_next_sign_in_carries_the_new_role()
    {
        var userName = await TestUsers.NewAsync(app);
        var before = await SignIn.AsAsync(app, userName);
        var organisation = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.OrganisationId).SingleAsync());

        var change = await app.Services.GetRequiredService<UserAdministration>()
            .AssignAsync(await TestUsers.IdOfAsync(app, userName), Disputes.Domain.Roles.TownChair, organisation, await TestUsers.IdOfAsync(app, "security"));

        Assert.True(change.Succeeded, change.Problem);
        Assert.Equal(HttpStatusCode.Redirect, (await before.GetAsync("/board")).StatusCode);
        var after = await SignIn.AsAsync(app, userName);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/board")).StatusCode);
    }

    [Fact]
    public async Task The_security_administrator_ends_one_session_and_leaves_the_others()
    {
        var userName = await TestUsers.NewAsync(app);
        var phone = await SignIn.AsAsync(app, userName);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var desk = await SignIn.AsAsync(app, userName);
        var sessions = app.Services.GetRequiredService<UserSessions>();
        var live = await sessions.ListLiveAsync(await TestUsers.IdOfAsync(app, userName));
        Assert.Equal(2, live.Count);

        Assert.True(await app.Services.GetRequiredService<UserAdministration>().EndSessionAsync(live[0].Id, await TestUsers.IdOfAsync(app, "security")));

        // The newest is listed first: the desk's.
        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/board")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.Type == SecurityEventType.SessionEnded && e.UserName == userName && e.ActorName == "security")));
    }

    [Fact]
    public async Task A_cookie_from_before_sessions_were_kept_names_none_and_opens_nothing()
    {
        var userName = await TestUsers.NewAsync(app);
        var (_, cookie) = await SignInWithCookieAsync(userName);
        await app.WithDbAsync(db => db.UserSessions.Where(s => s.User!.UserName == userName).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(cookie).GetAsync("/board")).StatusCode);
    }

    // ---- helpers ----


    private async Task<(HttpClient Browser, string Cookie)> SignInWithCookieAsync(string userName)
    {
        var browser = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(browser, userName, SignIn.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("disputes.auth=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0]);
    }

    /// <summary>Another machine replaying the cookie: the same header, nothing else.</summary>
    private HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The principal the cookie carries, as a circuit opened with it holds it.</summary>
    private System.Security.Claims.ClaimsPrincipal PrincipalOf(string cookie)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        return options.TicketDataFormat.Unprotect(cookie["disputes.auth=".Length..])!.Principal;
    }


    private Task<UserSession> LatestSessionAsync(string userName) => app.WithDbAsync(async db =>
        (await db.UserSessions.AsNoTracking().Where(s => s.User!.UserName == userName).ToListAsync()).OrderBy(s => s.CreatedUtc).Last());

    private static async Task<string> LayoutTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var form = LogoutForm().Match(html);
        Assert.True(form.Success, "The layout has a sign-out form with an antiforgery token.");
        return WebUtility.HtmlDecode(form.Groups["token"].Value);
    }

    [GeneratedRegex("""<form action="/account/logout" method="post"[^>]*>\s*<input type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex LogoutForm();
}
