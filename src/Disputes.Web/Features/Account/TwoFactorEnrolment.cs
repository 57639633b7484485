using System.Globalization;
using System.Text;
using Disputes.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Disputes.Web.Features.Account;

/// <summary>Where a user's second factor stands, for their own account page.</summary>
public sealed record TwoFactorState(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>What the authenticator app needs: the key as a QR code (a PNG data address) and typed by hand, in groups of four.</summary>
public sealed record AuthenticatorSetup(string QrCodeDataUri, string FormattedKey);

/// <summary>The new recovery codes, shown once; or why nothing changed (a message key).</summary>
public sealed record TwoFactorChange(string? Problem, IReadOnlyList<string>? RecoveryCodes = null)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// A user's own second factor, through ASP.NET Core Identity's authenticator support (TOTP, RFC 6238), the QR code
/// drawn by QRCoder: set up by scanning and typing one code back, recovery codes for a lost phone, renewed or
/// turned off with a current code. A role that requires it (<c>SignIn:TwoFactor:RequiredFor</c>) cannot turn it off.
/// Each change renews the security stamp, which ends the user's other sessions, so the page's own cookie is renewed
/// in the same request (its session stays). Every change is a security event.
/// </summary>
public sealed class TwoFactorEnrolment(
    UserManager<AppUser> users,
    SignInManager<AppUser> signInManager,
    IOptionsMonitor<SignInPolicyOptions> policy,
    SecurityEvents events,
    DisputesDbContext db)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The name the authenticator app lists the account under.</summary>
    public const string Issuer = "劳资纠纷应急处置";

    public async Task<TwoFactorState> StateAsync(AppUser user) => new(
        await users.GetTwoFactorEnabledAsync(user),
        policy.CurrentValue.RequiresTwoFactor(await users.GetRolesAsync(user)),
        await users.CountRecoveryCodesAsync(user));

    /// <summary>The key to scan: made on first use and kept until the second factor is set up, so a reload shows the same one.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            user = await MakeKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var account = Uri.EscapeDataString($"{Issuer}:{user.UserName}");
        var uri = $"otpauth://totp/{account}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 6);
        return new AuthenticatorSetup("data:image/png;base64," + Convert.ToBase64String(png), Group(key));
    }

    /// <summary>Turns the second factor on once the app shows a right code; answers the recovery codes, shown once.</summary>
    public async Task<TwoFactorChange> EnableAsync(AppUser user, string? code, HttpContext context)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorChange("TwoFactor.Problem.AlreadyOn");
        }

        if (await CodeProblemAsync(user, code, context) is { } problem)
        {
            return new TwoFactorChange(problem);
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await signInManager.RefreshSignInAsync(user);
        await events.RecordAsync(SecurityEventType.TwoFactorEnabled, SecurityEventResult.Succeeded, SignInChannel.Form, user.UserName, user.Id, context);
        return new TwoFactorChange(null, codes);
    }

    /// <summary>New recovery codes in place of the old (all of which stop working), for a current code.</summary>
    public async Task<TwoFactorChange> RenewRecoveryCodesAsync(AppUser user, string? code, HttpContext context)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorChange("TwoFactor.Problem.NotOn");
        }

        if (await CodeProblemAsync(user, code, context) is { } problem)
        {
            return new TwoFactorChange(problem);
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        await events.RecordAsync(SecurityEventType.RecoveryCodesRenewed, SecurityEventResult.Succeeded, SignInChannel.Form, user.UserName, user.Id, context);
        return new TwoFactorChange(null, codes);
    }

    /// <summary>Turns it off, for a current code, unless the user's role requires it. The key is replaced, so the app's entry is worthless.</summary>
    public async Task<TwoFactorChange> DisableAsync(AppUser user, string? code, HttpContext context)
    {
        if ((await StateAsync(user)).Required)
        {
            return new TwoFactorChange("TwoFactor.Problem.Required");
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorChange("TwoFactor.Problem.NotOn");
        }

        if (await CodeProblemAsync(user, code, context) is { } problem)
        {
            return new TwoFactorChange(problem);
        }

        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signInManager.RefreshSignInAsync(user);
        await events.RecordAsync(SecurityEventType.TwoFactorDisabled, SecurityEventResult.Succeeded, SignInChannel.Form, user.UserName, user.Id, context);
        return new TwoFactorChange(null);
    }

    /// <summary>A wrong code here counts towards the lockout as at sign-in: the page is no side door for guessing.</summary>
    private async Task<string?> CodeProblemAsync(AppUser user, string? code, HttpContext context)
    {
        if (await users.IsLockedOutAsync(user))
        {
            await events.RecordAsync(SecurityEventType.TwoFactorFailed, SecurityEventResult.LockedOut, SignInChannel.Form, user.UserName, user.Id, context);
            return "TwoFactor.Problem.LockedOut";
        }

        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, OneTimeAuthenticatorTokenProvider.Normalise(code)))
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }

        await users.AccessFailedAsync(user);
        await events.RecordAsync(SecurityEventType.TwoFactorFailed, SecurityEventResult.WrongCode, SignInChannel.Form, user.UserName, user.Id, context);
        return "TwoFactor.Problem.WrongCode";
    }

    /// <summary>The base-32 key in groups of four, lower case, as authenticator apps show it.</summary>
    private static string Group(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Makes the user's first key. The page can be asked for twice at once (the browser's navigation and its reload
    /// overlap): the request that loses the race finds the key the other one stored and shows that, so both show one key.
    /// </summary>
    private async Task<AppUser> MakeKeyAsync(AppUser user)
    {
        IdentityResult result;
        try
        {
            result = await users.ResetAuthenticatorKeyAsync(user);
        }
        catch (DbUpdateException)
        {
            result = IdentityResult.Failed(users.ErrorDescriber.ConcurrencyFailure());
        }

        if (result.Succeeded)
        {
            return user;
        }

        if (result.Errors.All(e => e.Code != nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            Check(result);
        }

        // The failed save is still tracked: forget it and read the user the winning request stored.
        db.ChangeTracker.Clear();
        var stored = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException($"User {user.Id} is gone.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(stored)))
        {
            Check(await users.ResetAuthenticatorKeyAsync(stored));
        }

        return stored;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
