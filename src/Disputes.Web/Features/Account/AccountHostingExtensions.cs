using Disputes.Data;
using Disputes.Web.Features.Account.Sessions;
using Disputes.Web.Hosting;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Disputes.Web.Features.Account;

public static class AccountHostingExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>A signed-in request that does nothing else: a tap or key in an open page calls it, at most once a minute, so the idle timeout counts from the user's last action.</summary>
    public const string KeepAlivePath = "/account/keep-alive";
    public const string TokenPath = "/account/token";
    public const string RefreshPath = "/account/token/refresh";

    /// <summary>NIST SP 800-63B: length, not composition rules.</summary>
    public const int PasswordMinimumLength = 10;

    public static IHostApplicationBuilder AddDisputesIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthorization(Policies.Add);
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        // For hub clients that are not browsers (a wall display, another system): a bearer token from /account/token.
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, bearer =>
        {
            // Tokens are made by TokenClients (15 minutes at most, with a refresh token of our own); the handler reads them.
            bearer.BearerTokenExpiration = SessionPolicyOptions.AccessTokenCeiling;
            bearer.Events.OnMessageReceived = async context =>
            {
                // WebSockets cannot carry headers from a browser: SignalR sends the token in the query string.
                if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } query])
                {
                    context.Token = query;
                }

                // The handler would take any token it made that has not run out; one whose session has ended is refused.
                var token = context.Token ?? (context.Request.Headers.Authorization.ToString() is { } header
                    && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null);
                if (!string.IsNullOrEmpty(token)
                    && context.Options.BearerTokenProtector.Unprotect(token)?.Principal is { } principal
                    && !await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().IsLiveAsync(principal, activity: false))
                {
                    context.Fail("The token's session has ended.");
                }
            };
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "disputes.auth";
            // The cookie ends with its session's absolute lifetime (AppSignInManager sets it) and does not slide: the idle
            // timeout is kept on the server, which also hears taps inside a page.
            cookie.SlidingExpiration = false;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            // A hub or API client cannot follow a redirect to a sign-in page: tell it 401/403 instead.
            cookie.Events.OnRedirectToLogin = context => NonBrowserStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                if (UserSessions.IsKiosk(context.HttpContext.User) && !context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.Redirect(context.Request.PathBase + KioskSessions.DisplayPath);
                    return Task.CompletedTask;
                }

                return NonBrowserStatus(context, StatusCodes.Status403Forbidden);
            };
        });
        // Each request checks its session before Identity's security stamp: a signed-out, revoked, idle or expired
        // session makes the cookie worthless at once, however long it had to run.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure(cookie =>
        {
            var stamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                if (!await sessions.IsLiveAsync(context.Principal, activity: true, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // A wall display's kiosk session lives by its own record alone: the account's owner enrolling an
                // authenticator or changing a password must not blank the duty room's wall. Disabling the account,
                // a new role or organisation and a password reset end the kiosk session with the rest.
                if (UserSessions.IsKiosk(context.Principal))
                {
                    return;
                }

                await stamp(context);
            };
        });
        services.AddOptions<SessionPolicyOptions>()
            .Bind(builder.Configuration.GetSection(SessionPolicyOptions.Section))
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteHours > 0 && o.KioskMaxDays > 0 && o.KioskCodeMinutes > 0 && o.HubCheckSeconds > 0,
                "Sessions: every duration must be positive.")
            .Validate(o => o.AccessTokenMinutes > 0 && o.AccessToken <= SessionPolicyOptions.AccessTokenCeiling,
                "Sessions:AccessTokenMinutes must be between 1 and 15.")
            .ValidateOnStart();
        services.AddSingleton<UserSessions>();
        services.AddScoped<TokenClients>();
        services.AddSingleton<KioskSessions>();
        services.AddSingleton<HubSessionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionWatch>());

        // Each request re-reads the user at most a minute after the last check: a disabled account or a
        // changed password ends every session within that minute.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = RevalidatingAuthenticationStateProvider.Interval;
            o.TimeProvider = clock;
            // The renewed principal is made afresh from the user: it keeps the session it belongs to.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    identity.AddClaims(current.Claims.Where(c => c.Type is UserSessions.Claim or UserSessions.KioskClaim).Select(c => new Claim(c.Type, c.Value)));
                }

                return Task.CompletedTask;
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = PasswordMinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Wrong passwords block the address they come from (SignInBlocks), never the whole account.
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DisputesDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.Name);
        // Recovery codes kept hashed (AppUserStore), in place of the store AddEntityFrameworkStores registered.
        services.AddScoped<IUserStore<AppUser>, AppUserStore>();
        services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.Name;
            // Only wrong authenticator codes count here, and only the holder of the password can send one: five of
            // them make the account wait a quarter of an hour (a code has a million values; this keeps guessing hopeless).
            options.Lockout.MaxFailedAccessAttempts = 5;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        });
        services.AddScoped<SecondFactor>();
        services.AddScoped<TwoFactorEnrolment>();
        services.AddOptions<SignInPolicyOptions>()
            .Bind(builder.Configuration.GetSection(SignInPolicyOptions.Section))
            .Validate(o => o.RateLimit.PerAddressPerMinute > 0 && o.RateLimit.PerAccountPerMinute > 0,
                "SignIn:RateLimit:PerAddressPerMinute and PerAccountPerMinute must be positive.")
            .Validate(o => o.Block.Failures > 0 && o.Block.Minutes > 0, "SignIn:Block:Failures and Minutes must be positive.")
            .Validate(o => o.TwoFactor.Roles.All(Domain.Roles.All.Contains),
                $"SignIn:TwoFactor:RequiredFor names a role that does not exist; the roles are {string.Join(", ", Domain.Roles.All)}.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInBlocks>();
        services.AddSingleton<SecurityEvents>();
        services.AddHttpContextAccessor();
        services.AddScoped<IClaimsTransformation, ClientAddressClaim>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<UserAdministration>();
        return builder;
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        // The layout's sign-out form carries the antiforgery token; without it another site could sign a user out. The
        // endpoint binds no form, so the antiforgery middleware would only note a missing token: it is checked here.
        app.MapPost(LogoutPath, async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signInManager,
            UserSessions sessions, SecurityEvents events) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }

            // Ended on the server: a copy of the cookie is worth nothing from now on.
            if (UserSessions.IdOf(context.User) is { } session && await sessions.EndAsync(session, SessionEndReason.SignedOut))
            {
                await events.RecordAsync(SecurityEventType.SignedOut, SecurityEventResult.Succeeded,
                    UserSessions.IsKiosk(context.User) ? SignInChannel.Kiosk : SignInChannel.Form, context.User.Identity?.Name, context.User.IdOf(), context);
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPath);
        });

        // Any signed-in session, a kiosk's too: the session check on the way in is what it is for (app.js calls it on taps).
        app.MapGet(KeepAlivePath, () => TypedResults.NoContent()).RequireAuthorization(p => p.RequireAuthenticatedUser());

        app.MapPost(TokenPath, async (TokenRequest request, PasswordSignIn signIn, TokenClients tokens, HttpContext context) =>
        {
            var userName = request.UserName?.Trim();
            if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(request.Password))
            {
                return Results.Unauthorized();
            }

            var attempt = await signIn.IssueTokenAsync(context, userName, request.Password, request.Code);
            if (attempt.Throttle is { } throttled)
            {
                context.Response.Headers.RetryAfter = throttled.RetryAfterSeconds;
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            // A disabled account is refused like a wrong password: a client program has no one to tell. Only a client that
            // proved the password learns that a code is wanted, or that its account must first set one up in the browser.
            return attempt switch
            {
                { Outcome: SignInOutcome.Succeeded, User: { } user } => Results.Ok(await tokens.IssueAsync(user, context, context.RequestAborted)),
                { Outcome: SignInOutcome.SecondFactorRequired } => Results.Json(new TokenRefusal("two_factor_required"), statusCode: StatusCodes.Status401Unauthorized),
                { Outcome: SignInOutcome.EnrolmentRequired } => Results.Json(new TokenRefusal("two_factor_enrolment_required"), statusCode: StatusCodes.Status401Unauthorized),
                _ => Results.Unauthorized(),
            };
        })
        .AllowAnonymous()
        // A JSON API for hub clients that are not browsers, which hold no antiforgery token. Nor can another site use it
        // through a browser: a form cannot post JSON (anything else is answered 415), and the answer sets no cookie.
        .DisableAntiforgery();

        // A refresh token buys the next pair once; presented again, it ends its session (someone else holds a copy).
        app.MapPost(RefreshPath, async (RefreshRequest request, TokenClients tokens, SecurityEvents events, HttpContext context) =>
        {
            if (request.RefreshToken is not { Length: > 0 and <= 128 } refreshToken)
            {
                return Results.Unauthorized();
            }

            var (issued, reused, user) = await tokens.RefreshAsync(refreshToken, context.RequestAborted);
            if (reused)
            {
                await events.RecordAsync(SecurityEventType.TokenReused, SecurityEventResult.Succeeded, SignInChannel.Token, user?.UserName, user?.Id, context);
            }

            return issued is null ? Results.Unauthorized() : Results.Ok(issued);
        })
        .AllowAnonymous()
        .DisableAntiforgery();

        // The language switch: remembers the choice for a year and goes back where the user was.
        app.MapGet("/culture/{name}", (string name, [FromQuery] string? redirectUri, HttpContext context) =>
        {
            if (LocalizationHostingExtensions.SupportedCultures.Contains(name))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            return TypedResults.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();
    }

    private static Task NonBrowserStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/hubs") || context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>What a hub client sends: the password, and the authenticator's current code when its account has one.</summary>
    public sealed record TokenRequest(string? UserName, string? Password, string? Code = null);

    /// <summary>Why a token was refused, told only to a client that proved the password (<c>error</c>, as OAuth 2.0 names it).</summary>
    public sealed record TokenRefusal(string Error);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>
    /// Only paths on this site: never an open redirect. No control character either, as ASP.NET Core's own local redirect
    /// requires (it throws on one): a browser drops a tab or line break, so "/\t/evil.example" would lead to "//evil.example".
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
