using Disputes.Data;
using Microsoft.AspNetCore.Identity;

namespace Disputes.Web.Features.Account;

public enum SecondFactorOutcome
{
    Succeeded,

    /// <summary>The code (or recovery code) was not right; the count towards the lockout went up.</summary>
    Wrong,

    /// <summary>Too many wrong codes: the account waits, whatever is typed.</summary>
    LockedOut,

    /// <summary>The few minutes after the password ran out, or the password step never happened: sign in again.</summary>
    Expired,
}

/// <summary>
/// The sign-in form's second step, for a user with an authenticator: the current code from the app, or one of the
/// recovery codes kept for a lost phone (each works once). Identity remembers the user between the steps in a cookie
/// of a few minutes; five wrong codes lock the account for a quarter of an hour. Every outcome is a security event.
/// </summary>
public sealed class SecondFactor(SignInManager<AppUser> signInManager, SecurityEvents events)
{
    public const string Path = "/account/login/two-factor";

    /// <summary>Whom the password step proved, while its cookie lasts; null sends the user back to the password.</summary>
    public Task<AppUser?> PendingUserAsync() => signInManager.GetTwoFactorAuthenticationUserAsync();

    public async Task<SecondFactorOutcome> VerifyAsync(HttpContext context, string? typed, bool recoveryCode, bool isPersistent)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SecondFactorOutcome.Expired;
        }

        var wasLockedOut = await signInManager.UserManager.IsLockedOutAsync(user);
        var result = recoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(AppUserStore.RecoveryCode(typed))
            : await signInManager.TwoFactorAuthenticatorSignInAsync(OneTimeAuthenticatorTokenProvider.Normalise(typed), isPersistent, rememberClient: false);
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventType.SignIn, SecurityEventResult.Succeeded, SignInChannel.Form, user.UserName, user.Id, context);
            if (recoveryCode)
            {
                await events.RecordAsync(SecurityEventType.RecoveryCodeUsed, SecurityEventResult.Succeeded, SignInChannel.Form, user.UserName, user.Id, context);
            }

            return SecondFactorOutcome.Succeeded;
        }

        if (result.IsLockedOut)
        {
            await events.RecordAsync(SecurityEventType.TwoFactorFailed, wasLockedOut ? SecurityEventResult.LockedOut : SecurityEventResult.WrongCode,
                SignInChannel.Form, user.UserName, user.Id, context);
            if (!wasLockedOut)
            {
                // This wrong code was the last allowed.
                await events.RecordAsync(SecurityEventType.Lockout, SecurityEventResult.LockedOut, SignInChannel.Form, user.UserName, user.Id, context);
            }

            return SecondFactorOutcome.LockedOut;
        }

        if (result.IsNotAllowed)
        {
            // Disabled between the two steps.
            await events.RecordAsync(SecurityEventType.SignInFailed, SecurityEventResult.AccountDisabled, SignInChannel.Form, user.UserName, user.Id, context);
            return SecondFactorOutcome.Expired;
        }

        await events.RecordAsync(SecurityEventType.TwoFactorFailed, SecurityEventResult.WrongCode, SignInChannel.Form, user.UserName, user.Id, context);
        return SecondFactorOutcome.Wrong;
    }
}
