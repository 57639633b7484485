using Disputes.Data;
using Disputes.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
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

    /// <summary>A signed-in request that does nothing else: the cookie slides on with it (the duty room's wall calls it).</summary>
    public const string KeepAlivePath = "/account/keep-alive";
    public const string TokenPath = "/account/token";

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
            bearer.BearerTokenExpiration = TimeSpan.FromHours(12);
            bearer.Events.OnMessageReceived = context =>
            {
                // WebSockets cannot carry headers from a browser: SignalR sends the token in the query string.
                if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "disputes.auth";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            // A hub or API client cannot follow a redirect to a sign-in page: tell it 401/403 instead.
            cookie.Events.OnRedirectToLogin = context => NonBrowserStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => NonBrowserStatus(context, StatusCodes.Status403Forbidden);
        });

        // Each request re-reads the user at most a minute after the last check: a disabled account or a
        // changed password ends every session within that minute.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = RevalidatingAuthenticationStateProvider.Interval;
            o.TimeProvider = clock;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
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
            .AddDefaultTokenProviders();
        services.AddOptions<SignInPolicyOptions>()
            .Bind(builder.Configuration.GetSection(SignInPolicyOptions.Section))
            .Validate(o => o.RateLimit.PerAddressPerMinute > 0 && o.RateLimit.PerAccountPerMinute > 0,
                "SignIn:RateLimit:PerAddressPerMinute and PerAccountPerMinute must be positive.")
            .Validate(o => o.Block.Failures > 0 && o.Block.Minutes > 0, "SignIn:Block:Failures and Minutes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInBlocks>();
        services.AddSingleton<SecurityEvents>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<UserAdministration>();
        return builder;
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        // The layout's sign-out form carries the antiforgery token; without it another site could sign a user out. The
        // endpoint binds no form, so the antiforgery middleware would only note a missing token: it is checked here.
        app.MapPost(LogoutPath, async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signInManager) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest();
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPath);
        });

        app.MapGet(KeepAlivePath, () => TypedResults.NoContent()).RequireAuthorization();

        app.MapPost(TokenPath, async (TokenRequest request, PasswordSignIn signIn, HttpContext context) =>
        {
            var userName = request.UserName?.Trim();
            if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(request.Password))
            {
                return Results.Unauthorized();
            }

            var (attempt, principal) = await signIn.IssueTokenAsync(context, userName, request.Password);
            if (attempt.Throttle is { } throttled)
            {
                context.Response.Headers.RetryAfter = throttled.RetryAfterSeconds;
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            // A disabled account is refused like a wrong password: a client program has no one to tell.
            return principal is null ? Results.Unauthorized() : Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
                })
        .AllowAnonymous()
        // A JSON API for hub clients that are not browsers, which hold no antiforgery token. Nor can another site use it
        // through a browser: a form cannot post JSON (anything else is answered 415), and the answer sets no cookie.
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

    public sealed record TokenRequest(string? UserName, string? Password);

    /// <summary>Only paths on this site: never an open redirect.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
