using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Disputes.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Identity's authenticator check (RFC 6238, 30-second steps, two steps either side), with one thing added: a code
/// once accepted is refused for the rest of its window, so a code read over a shoulder or from a proxy's log cannot
/// sign in a second time. The last accepted code is kept hashed beside the user's authenticator key.
/// </summary>
internal sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    public const string Name = "DisputesAuthenticator";

    /// <summary>Longer than any code stays valid (two steps of 30 s either side of the current one).</summary>
    private static readonly TimeSpan s_reuseWindow = TimeSpan.FromMinutes(3);

    private const string LastCodeName = "LastAuthenticatorCode";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var code = Normalise(token);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || !await base.ValidateAsync(purpose, code, manager, user))
        {
            return false;
        }

        var hash = AppUserStore.Hash(user.Id, code);
        var now = clock.GetUtcNow();
        if (await manager.GetAuthenticationTokenAsync(user, AppUserStore.LoginProvider, LastCodeName) is { } last
            && last.Split('|') is [var lastHash, var lastAt]
            && lastHash == hash
            && long.TryParse(lastAt, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < s_reuseWindow)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, AppUserStore.LoginProvider, LastCodeName,
            $"{hash}|{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return true;
    }

    /// <summary>What a hurried user types: spaces from the app's grouping, a dash, full-width digits from a Chinese keyboard.</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? string.Empty).Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}

/// <summary>
/// Identity's EF store, with recovery codes kept as keyed hashes instead of in clear: a copy of the database
/// gives no one a way past the second factor. Codes are compared without regard to case, spaces or dashes.
/// </summary>
internal sealed class AppUserStore(DisputesDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, DisputesDbContext, string>(context, describer)
{
    public const string LoginProvider = "[Disputes]";
    private const string RecoveryCodesName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return StoreAsync(user, recoveryCodes.Select(code => Hash(user.Id, RecoveryCode(code))), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = (await GetTokenAsync(user, LoginProvider, RecoveryCodesName, cancellationToken) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(user.Id, RecoveryCode(code));
        if (!stored.Contains(hash))
        {
            return false;
        }

        await StoreAsync(user, stored.Where(s => s != hash), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await GetTokenAsync(user, LoginProvider, RecoveryCodesName, cancellationToken) ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>SHA-256 over the user's id and the code: the same code of two users never hashes alike.</summary>
    public static string Hash(string userId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}\n{code}")));

    /// <summary>Identity's codes are <c>XXXXX-XXXXX</c> in letters and digits; typed back in any case, with or without the dash.</summary>
    public static string RecoveryCode(string? typed) => OneTimeAuthenticatorTokenProvider.Normalise(typed).ToUpperInvariant();

    private Task StoreAsync(AppUser user, IEnumerable<string> hashes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, LoginProvider, RecoveryCodesName, string.Join(";", hashes), cancellationToken);
}
