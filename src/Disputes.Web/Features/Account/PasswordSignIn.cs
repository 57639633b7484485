using Disputes.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Anything that went wrong before the password was proven: one answer for all, so nothing is learnt.</summary>
    Refused,

    /// <summary>The right password for a disabled account: only someone who knows it is told.</summary>
    Disabled,

    Throttled,

    /// <summary>The password was right; the authenticator's code comes next (the form's second step, or the token request's <c>code</c>).</summary>
    SecondFactorRequired,

    /// <summary>A token client whose role requires a second factor it has not set up: that is done once in the browser.</summary>
    EnrolmentRequired,
}

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User = null, Throttled? Throttle = null);

/// <summary>
/// The one way a password becomes a session (the form) or a bearer token (<c>/account/token</c>): rate limits first,
/// then the (address, account) block, then the password, and only then the account's state. Identity's account-wide
/// lockout is not used for passwords, so a stranger's guesses cannot lock the owner out. Every outcome is a security
/// event.
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<AppUser> signInManager,
    SignInThrottle throttle,
    SignInBlocks blocks,
    SecurityEvents events,
    IOptionsMonitor<SignInPolicyOptions> policy)
{
    private static string? s_unknownUserHash;

    private UserManager<AppUser> Users => signInManager.UserManager;

    /// <summary>
    /// The browser's sign-in: on success the session cookie is set; for a user with an authenticator, only the
    /// short-lived cookie that lets the second step (<see cref="SecondFactor"/>) finish it.
    /// </summary>
    public async Task<SignInAttempt> SignInAsync(HttpContext context, string userName, string password, bool isPersistent)
    {
        var attempt = await CheckAsync(context, userName, password, SignInChannel.Form);
        if (attempt is { Outcome: SignInOutcome.Succeeded, User: { } user })
        {
            var result = await ((AppSignInManager)signInManager).SignInOrAskForSecondFactorAsync(user, isPersistent);
            if (result.RequiresTwoFactor)
            {
                return attempt with { Outcome = SignInOutcome.SecondFactorRequired };
            }

            await events.RecordAsync(SecurityEventType.SignIn, SecurityEventResult.Succeeded, SignInChannel.Form, userName, user.Id, context);
        }

        return attempt;
    }

    /// <summary>
    /// A hub client's sign-in: on success, the user to issue tokens for (TokenClients). A user with an authenticator
    /// sends its current code too; wrong codes count towards Identity's lockout, which only the holder of the password can reach.
    /// </summary>
    public async Task<SignInAttempt> IssueTokenAsync(HttpContext context, string userName, string password, string? code)
    {
        var attempt = await CheckAsync(context, userName, password, SignInChannel.Token);
        if (attempt is not { Outcome: SignInOutcome.Succeeded, User: { } user })
        {
            return attempt;
        }

        if (await Users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return attempt with { Outcome = SignInOutcome.SecondFactorRequired };
            }

            if (await Users.IsLockedOutAsync(user))
            {
                await events.RecordAsync(SecurityEventType.TwoFactorFailed, SecurityEventResult.LockedOut, SignInChannel.Token, userName, user.Id, context);
                return attempt with { Outcome = SignInOutcome.Refused };
            }

            if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await Users.AccessFailedAsync(user);
                var locked = await Users.IsLockedOutAsync(user);
                await events.RecordAsync(SecurityEventType.TwoFactorFailed, SecurityEventResult.WrongCode, SignInChannel.Token, userName, user.Id, context);
                if (locked)
                {
                    await events.RecordAsync(SecurityEventType.Lockout, SecurityEventResult.LockedOut, SignInChannel.Token, userName, user.Id, context);
                }

                return attempt with { Outcome = SignInOutcome.Refused };
            }

            await Users.ResetAccessFailedCountAsync(user);
        }
        else if (policy.CurrentValue.RequiresTwoFactor(await Users.GetRolesAsync(user)))
        {
            await events.RecordAsync(SecurityEventType.SignInFailed, SecurityEventResult.TwoFactorNotSetUp, SignInChannel.Token, userName, user.Id, context);
            return attempt with { Outcome = SignInOutcome.EnrolmentRequired };
        }

        await events.RecordAsync(SecurityEventType.SignIn, SecurityEventResult.Succeeded, SignInChannel.Token, userName, user.Id, context);
        return attempt;
    }

    private async Task<SignInAttempt> CheckAsync(HttpContext context, string userName, string password, SignInChannel channel)
    {
        var normalized = Users.NormalizeName(userName) ?? string.Empty;
        if (normalized.Length > SignInFailure.UserNameMaxLength)
        {
            normalized = normalized[..SignInFailure.UserNameMaxLength];
        }

        var network = ClientAddress.NetworkOf(context);
        if (throttle.TryAcquire(network, normalized) is { } throttled)
        {
            await events.RecordAsync(SecurityEventType.Throttled, throttled.Limit, channel, userName, null, context);
            return new SignInAttempt(SignInOutcome.Throttled, Throttle: throttled);
        }

        var user = await Users.FindByNameAsync(userName);
        if (await blocks.IsBlockedAsync(network, normalized))
        {
            await events.RecordAsync(SecurityEventType.SignInFailed, SecurityEventResult.AddressBlocked, channel, userName, user?.Id, context);
            return new SignInAttempt(SignInOutcome.Refused);
        }

        if (user is null || !await Users.CheckPasswordAsync(user, password))
        {
            if (user is null)
            {
                // Hash anyway: an unknown name must take as long to refuse as a wrong password.
                Users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash(), password);
            }

            await events.RecordAsync(SecurityEventType.SignInFailed, user is null ? SecurityEventResult.UnknownUser : SecurityEventResult.WrongPassword,
                channel, userName, user?.Id, context);
            if (await blocks.CountFailureAsync(network, normalized))
            {
                await events.RecordAsync(SecurityEventType.Lockout, SecurityEventResult.AddressBlocked, channel, userName, user?.Id, context);
            }

            return new SignInAttempt(SignInOutcome.Refused);
        }

        if (!await signInManager.CanSignInAsync(user))
        {
            await events.RecordAsync(SecurityEventType.SignInFailed, SecurityEventResult.AccountDisabled, channel, userName, user.Id, context);
            return new SignInAttempt(SignInOutcome.Disabled, user);
        }

        await blocks.ClearAsync(network, normalized);
        return new SignInAttempt(SignInOutcome.Succeeded, user);
    }

    private string UnknownUserHash() =>
        s_unknownUserHash ??= Users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
}
