namespace Disputes.Web.Features.Account;

/// <summary>
/// A user whose password the security administrator set (a new account, a reset) opens nothing but the page that
/// changes it, and may sign out: a page is sent there, anything else (the circuit, the hub, an export) is refused.
/// The claim is renewed with the cookie, so changing the password opens the app at once.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/account/change-password";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(UserClaims.MustChangePassword, "true") && !Allowed(context.Request.Path))
        {
            if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor")
                && !context.Request.Path.StartsWithSegments("/hubs") && !context.Request.Path.StartsWithSegments("/exports"))
            {
                var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(back)}");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        await next(context);
    });

    /// <summary>The change itself, signing out, and the files a page needs to show (styles, scripts, fonts).</summary>
    private static bool Allowed(PathString path) =>
        path.StartsWithSegments(ChangePasswordPath) || path.StartsWithSegments(AccountHostingExtensions.LogoutPath)
        || path.StartsWithSegments("/culture") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework")
        || (Path.HasExtension(path.Value) && !path.StartsWithSegments("/exports") && !path.StartsWithSegments("/files"));
}
