using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Disputes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account.Sessions;

/// <summary>A session as the security administrator's screen lists it.</summary>
public sealed record SessionRow(Guid Id, string UserId, string UserName, string DisplayName, SessionKind Kind, DateTime CreatedUtc,
    DateTime LastSeenUtc, DateTime ExpiresUtc, string? ClientAddress, string? UserAgent, string? Label, bool AwaitingDisplay);

/// <summary>
/// The server's record of who is signed in. A cookie, a bearer token and a circuit each name their session (claim
/// <see cref="Claim"/>), and each is worth something only while the session lives: not ended (sign-out, the security
/// administrator, an account change), not idle past <see cref="SessionPolicyOptions.IdleMinutes"/>, not past its absolute
/// end. Checks are cached for a few seconds on each instance; an end made here clears this instance's cache at once,
/// and another instance's within <see cref="Freshness"/>.
/// </summary>
public sealed class UserSessions(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, IOptionsMonitor<SessionPolicyOptions> options)
{
    public const string Claim = "disputes:sid";

    /// <summary>Marks a wall display's session: it opens the display screen and nothing else.</summary>
    public const string KioskClaim = "disputes:kiosk";

    /// <summary>How long a check is trusted on one instance before the database is asked again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    /// <summary>Activity is written at most this often per session: enough for an idle timeout counted in hours.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Checked> _checked = new();

    private SessionPolicyOptions Options => options.CurrentValue;

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(Claim), out var id) ? id : null;

    public static bool IsKiosk(ClaimsPrincipal? principal) => principal?.HasClaim(KioskClaim, "true") == true;

    /// <summary>A new session for <paramref name="user"/>, from the request that signs them in.</summary>
    public async Task<UserSession> BeginAsync(AppUser user, SessionKind kind, HttpContext? context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            UserId = user.Id,
            Kind = kind,
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = now + Options.Absolute,
            SecurityStamp = user.SecurityStamp,
        };
        Describe(session, context);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>Where a session was started or redeemed from, for the security administrator's list.</summary>
    public static void Describe(UserSession session, HttpContext? context)
    {
        if (context is null)
        {
            return;
        }

        session.ClientAddress = ClientAddress.Of(context) is { } address ? Truncate(address, UserSession.AddressMaxLength) : null;
        session.UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? Truncate(agent, UserSession.UserAgentMaxLength) : null;
    }

    /// <summary>
    /// Whether the principal's session still lives. <paramref name="activity"/>: this is the user doing something (a
    /// request, a tap), which keeps an idle timeout away; a circuit's own periodic check is not.
    /// </summary>
    public Task<bool> IsLiveAsync(ClaimsPrincipal? principal, bool activity, CancellationToken cancellationToken = default) =>
        IdOf(principal) is { } id ? IsLiveAsync(id, activity, cancellationToken) : Task.FromResult(false);

    public async Task<bool> IsLiveAsync(Guid id, bool activity, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_checked.TryGetValue(id, out var known) && now - known.At < Freshness && (!known.Live || !activity || now - known.Touched < TouchEvery))
        {
            return known.Live;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            _checked[id] = new Checked(now, false, now);
            return false;
        }

        var nowUtc = now.UtcDateTime;
        if (EndOf(session, nowUtc) is { } reason)
        {
            if (session.EndedUtc is null)
            {
                await EndWhereAsync(db, s => s.Id == id, reason, nowUtc, cancellationToken);
            }

            _checked[id] = new Checked(now, false, now);
            return false;
        }

        var touched = DateTime.SpecifyKind(session.LastSeenUtc, DateTimeKind.Utc);
        if (activity && nowUtc - touched >= TouchEvery)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, nowUtc), cancellationToken);
            touched = nowUtc;
        }

        _checked[id] = new Checked(now, true, new DateTimeOffset(touched));
        Prune(now);
        return true;
    }

    /// <summary>Of <paramref name="ids"/>, the sessions that still live (one query, for an instance's open hub connections).</summary>
    public async Task<IReadOnlySet<Guid>> LiveAmongAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - Options.Idle;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = await db.UserSessions.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.EndedUtc == null && s.ExpiresUtc > now && (s.Kind == SessionKind.Kiosk || s.LastSeenUtc > idleSince))
            .Select(s => s.Id).ToListAsync(cancellationToken);
        return live.ToHashSet();
    }

    /// <summary>Ends one session (signing out, or the security administrator's choice). False when it had already ended.</summary>
    public async Task<bool> EndAsync(Guid id, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await EndWhereAsync(db, s => s.Id == id, reason, clock.GetUtcNow().UtcDateTime, cancellationToken);
        _checked.TryRemove(id, out _);
        return ended > 0;
    }

    /// <summary>Ends every live session of a user: their cookies, circuits, tokens and wall displays stop working.</summary>
    public async Task<int> EndAllAsync(string userId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await EndWhereAsync(db, s => s.UserId == userId, reason, clock.GetUtcNow().UtcDateTime, cancellationToken);
        _checked.Clear();
        return ended;
    }

    /// <summary>The live sessions, newest first, optionally of one user: the security administrator's list.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListLiveAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - Options.Idle;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.UserSessions.AsNoTracking()
            .Where(s => s.EndedUtc == null && s.ExpiresUtc > now && (s.Kind == SessionKind.Kiosk || s.LastSeenUtc > idleSince));
        if (userId is not null)
        {
            query = query.Where(s => s.UserId == userId);
        }

        var rows = await query
            .Select(s => new SessionRow(s.Id, s.UserId, s.User!.UserName!, s.User.DisplayName, s.Kind, s.CreatedUtc, s.LastSeenUtc, s.ExpiresUtc,
                s.ClientAddress, s.UserAgent, s.Label, s.EnrolmentCodeHash != null))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.CreatedUtc).ToList();
    }

    /// <summary>Why the session is over now, or null while it lives. A kiosk has no idle timeout: a wall display is watched, not touched.</summary>
    public SessionEndReason? EndOf(UserSession session, DateTime nowUtc)
    {
        if (session.EndedUtc is not null)
        {
            return session.EndReason ?? SessionEndReason.Revoked;
        }

        if (nowUtc >= session.ExpiresUtc)
        {
            return SessionEndReason.Expired;
        }

        return session.Kind != SessionKind.Kiosk && nowUtc - session.LastSeenUtc >= Options.Idle ? SessionEndReason.Idle : null;
    }

    /// <summary>SHA-256 of a secret handed to a client (a refresh token, a kiosk code), as stored: hex, 64 characters.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static Task<int> EndWhereAsync(DisputesDbContext db, System.Linq.Expressions.Expression<Func<UserSession, bool>> which,
        SessionEndReason reason, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.UserSessions.Where(which).Where(s => s.EndedUtc == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.EndedUtc, nowUtc)
            .SetProperty(x => x.EndReason, reason)
            .SetProperty(x => x.EnrolmentCodeHash, (string?)null), cancellationToken);

    /// <summary>Forgets stale checks now and then, so the cache holds only the sessions in use.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_checked.Count < 10_000)
        {
            return;
        }

        foreach (var (id, known) in _checked)
        {
            if (now - known.At >= Freshness)
            {
                _checked.TryRemove(id, out _);
            }
        }
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    private readonly record struct Checked(DateTimeOffset At, bool Live, DateTimeOffset Touched);
}
