using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Disputes.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account.Sessions;

/// <summary>What <c>/account/token</c> and <c>/account/token/refresh</c> answer (the shape of Identity's own token response).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("tokenType")] string TokenType,
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("expiresIn")] long ExpiresIn,
    [property: JsonPropertyName("refreshToken")] string RefreshToken,
    [property: JsonPropertyName("refreshExpiresIn")] long RefreshExpiresIn);

/// <summary>
/// Hub clients that are not browsers (a wall program, another city system). Each sign-in starts a
/// <see cref="SessionKind.TokenClient"/> session; it gets a bearer token that lives at most 15 minutes and a refresh
/// token, stored hashed, that buys the next pair once. A refresh token used twice means a copy is abroad: the session
/// ends. The security administrator ends a client's session like any other, and its refresh tokens die with it.
/// </summary>
public sealed class TokenClients(
    UserSessions sessions,
    SignInManager<AppUser> signInManager,
    IDbContextFactory<DisputesDbContext> dbFactory,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    IOptionsMonitor<SessionPolicyOptions> options,
    TimeProvider clock)
{
    public async Task<TokenResponse> IssueAsync(AppUser user, HttpContext context, CancellationToken cancellationToken = default)
    {
        var session = await sessions.BeginAsync(user, SessionKind.TokenClient, context, cancellationToken);
        var refresh = NewSecret();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.RefreshTokens.Add(new RefreshToken
            {
                Hash = UserSessions.Hash(refresh), SessionId = session.Id, IssuedUtc = session.CreatedUtc, ExpiresUtc = session.ExpiresUtc,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await ResponseAsync(user, session, refresh);
    }

    /// <summary>The next token pair for a refresh token, or null (answered 401) when it is unknown, used, expired or its session is over.</summary>
    public async Task<(TokenResponse? Tokens, bool Reused, AppUser? User)> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var hash = UserSessions.Hash(refreshToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.RefreshTokens.AsNoTracking().Include(t => t.Session).SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (stored?.Session is not { } session)
        {
            return (null, false, null);
        }

        var user = await signInManager.UserManager.FindByIdAsync(session.UserId);
        // Used already (or used by a racing copy a moment ago): whoever holds the other copy is not the client.
        var claimed = stored.UsedUtc is null && await db.RefreshTokens.Where(t => t.Hash == hash && t.UsedUtc == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedUtc, now), cancellationToken) == 1;
        if (!claimed)
        {
            var ended = await sessions.EndAsync(session.Id, SessionEndReason.TokenReused, cancellationToken);
            return (null, ended, user);
        }

        if (stored.ExpiresUtc <= now || sessions.EndOf(session, now) is not null)
        {
            return (null, false, user);
        }

        if (user is null || !await signInManager.CanSignInAsync(user) || user.SecurityStamp != session.SecurityStamp)
        {
            await sessions.EndAsync(session.Id, SessionEndReason.AccountChanged, cancellationToken);
            return (null, false, user);
        }

        var next = NewSecret();
        db.RefreshTokens.Add(new RefreshToken { Hash = UserSessions.Hash(next), SessionId = session.Id, IssuedUtc = now, ExpiresUtc = session.ExpiresUtc });
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now), cancellationToken);
        return (await ResponseAsync(user, session, next), false, user);
    }

    private async Task<TokenResponse> ResponseAsync(AppUser user, UserSession session, string refresh)
    {
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(UserSessions.Claim, session.Id.ToString()));
        var now = clock.GetUtcNow();
        var lifetime = options.CurrentValue.AccessToken;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime },
            IdentityConstants.BearerScheme);
        var bearer = bearerOptions.Get(IdentityConstants.BearerScheme);
        var expiresUtc = new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresUtc, DateTimeKind.Utc));
        return new TokenResponse("Bearer", bearer.BearerTokenProtector.Protect(ticket), (long)lifetime.TotalSeconds, refresh,
            Math.Max(0, (long)(expiresUtc - now).TotalSeconds));
    }

    /// <summary>256 random bits, URL-safe.</summary>
    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
