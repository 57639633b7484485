using Disputes.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace Disputes.Web.Features.Account;

/// <summary>
/// An open page (a circuit) re-checks its session and its user every minute, as the cookie does on each request, so
/// that a sign-out elsewhere, a revoked or idle session, a disabled account or a changed password ends live pages too.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState, cancellationToken);

    /// <summary>What each minute's check asks: false signs the page out.</summary>
    internal async Task<bool> IsStillValidAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        // The session first: signed out elsewhere, ended by the security administrator, idle or expired.
        if (!await scope.ServiceProvider.GetRequiredService<Sessions.UserSessions>().IsLiveAsync(authenticationState.User, activity: false, cancellationToken))
        {
            return false;
        }

        // A kiosk session is checked by its record alone, as the cookie does (AccountHostingExtensions).
        if (Sessions.UserSessions.IsKiosk(authenticationState.User))
        {
            return true;
        }

        var signInManager = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signInManager.ValidateSecurityStampAsync(authenticationState.User) is not null;
    }
}
