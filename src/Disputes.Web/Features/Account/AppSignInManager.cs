using System.Security.Claims;
using Disputes.Data;
using Disputes.Web.Features.Account.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

/// <summary>
/// A disabled account can neither sign in nor keep a session past its next security-stamp check. Every cookie it
/// issues names a server-side session (<see cref="UserSessions"/>), begun here unless the caller brings one (a kiosk).
/// </summary>
internal sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    UserSessions sessions)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsActive: true } ? user : null;
    }

    /// <summary>
    /// After the password is proven: signs in at once, or, for a user with an authenticator, remembers who they are for
    /// the second step (Identity's short-lived two-factor cookie) and answers <see cref="SignInResult.TwoFactorRequired"/>.
    /// </summary>
    public Task<SignInResult> SignInOrAskForSecondFactorAsync(AppUser user, bool isPersistent) =>
        SignInOrTwoFactorAsync(user, isPersistent, loginProvider: null, bypassTwoFactor: false);

    /// <summary>
    /// Every sign-in to the cookie passes here (the form, the second factor, a renewal): a fresh session unless the
    /// claims already name one. The cookie lives exactly as long as the session may, and does not slide: the idle
    /// timeout is kept by the server, which also sees taps inside a page.
    /// </summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        authenticationProperties ??= new AuthenticationProperties();
        if (!claims.Any(c => c.Type == UserSessions.Claim))
        {
            var session = await sessions.BeginAsync(user, SessionKind.Browser, Context);
            claims.Add(new Claim(UserSessions.Claim, session.Id.ToString()));
            authenticationProperties.ExpiresUtc = new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresUtc, DateTimeKind.Utc));
        }

        authenticationProperties.AllowRefresh = false;
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>A new cookie for the same session (after the user changed their password, for instance): the session, its start and end stay.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        var auth = await Context.AuthenticateAsync(AuthenticationScheme);
        if (!auth.Succeeded || auth.Principal is not { } current || UserManager.GetUserId(current) != await UserManager.GetUserIdAsync(user))
        {
            return;
        }

        var kept = current.Claims.Where(c => c.Type is "amr" or ClaimTypes.AuthenticationMethod or UserSessions.Claim or UserSessions.KioskClaim)
            .Select(c => new Claim(c.Type, c.Value)).ToList();
        await SignInWithClaimsAsync(user, auth.Properties, kept);
    }
}
