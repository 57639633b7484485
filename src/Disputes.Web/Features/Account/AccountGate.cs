using System.Security.Claims;
using Disputes.Web.Features.Account.Sessions;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Two things a signed-in user must do before anything else opens, in this order: change a password the security
/// administrator set (a new account, a reset), then set up the second factor their role requires. Until then a page is
/// sent to the step, anything else (the circuit, the hub, an export) is refused, and signing out stays open. The claims
/// are renewed with the cookie, so finishing the step opens the app at once. A wall display's kiosk session typed no
/// password and sets up nothing: the second-factor step is not its to take.
/// </summary>
public static class AccountGate
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string TwoFactorPath = "/account/two-factor";

    public static IApplicationBuilder UseAccountGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (StepFor(context.User) is { } step && !Allowed(context.Request.Path, step))
        {
            if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor")
                && !context.Request.Path.StartsWithSegments("/hubs") && !context.Request.Path.StartsWithSegments("/exports"))
            {
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{step}?returnUrl={Uri.EscapeDataString(back)}");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        await next(context);
    });

    /// <summary>The page the user must finish first, or null when everything is open to them.</summary>
    public static string? StepFor(ClaimsPrincipal user) =>
        user.HasClaim(UserClaims.MustChangePassword, "true") ? ChangePasswordPath
        : user.HasClaim(UserClaims.MustEnrolTwoFactor, "true") && !UserSessions.IsKiosk(user) ? TwoFactorPath
        : null;

    /// <summary>The step itself, signing out, and the files a page needs to show (styles, scripts, fonts).</summary>
    private static bool Allowed(PathString path, string step) =>
        path.StartsWithSegments(step) || path.StartsWithSegments(AccountHostingExtensions.LogoutPath)
        || path.StartsWithSegments("/culture") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework")
        || (Path.HasExtension(path.Value) && !path.StartsWithSegments("/exports") && !path.StartsWithSegments("/files"));
}
