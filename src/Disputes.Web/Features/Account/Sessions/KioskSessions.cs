using System.Security.Cryptography;
using Disputes.Data;
using Disputes.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account.Sessions;

/// <summary>An account a wall display may show the wall of: one that sees the whole city.</summary>
public sealed record KioskAccount(string Id, string UserName, string DisplayName);

/// <summary>A kiosk session as the security administrator asks for it.</summary>
public sealed record KioskRequest(string? Label, string? UserId, int? Days);

/// <summary>What issuing came to: refused with a message key, or the one-time code to type on the display (shown once).</summary>
public sealed record KioskIssue(string? Problem, string? Code = null, DateTime? CodeExpiresUtc = null)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Wall displays in a duty room: a screen nobody touches for days, which must not fall to the idle timeout, nor hold a
/// person's full session. The security administrator issues a kiosk session for a named display and an account that sees
/// the whole city (a duty officer's or a city leader's); the display redeems its one-time code at
/// <see cref="RedeemPath"/> and then opens the wall display screen and nothing else, until the session's end or its
/// revocation. Disabling or moving the account ends it too.
/// </summary>
public sealed class KioskSessions(
    IDbContextFactory<DisputesDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    UserSessions sessions,
    SecurityEvents events,
    IOptionsMonitor<SessionPolicyOptions> options,
    TimeProvider clock)
{
    public const string RedeemPath = "/account/kiosk";
    public const string DisplayPath = "/monitoring/display";

    /// <summary>Letters and digits a person reads off one screen and types on another without mistaking any.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 10;

    /// <summary>The accounts a display may show: active, and seeing the whole city.</summary>
    public async Task<IReadOnlyList<KioskAccount>> AccountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string[] roles = [Roles.FederationDutyOfficer, Roles.CityLeader];
        return await (from u in db.Users
                      where u.IsActive
                      where (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id && roles.Contains(r.Name!) select ur).Any()
                      orderby u.UserName
                      select new KioskAccount(u.Id, u.UserName!, u.DisplayName)).ToListAsync(cancellationToken);
    }

    public async Task<KioskIssue> IssueAsync(KioskRequest request, string actingUserId, CancellationToken cancellationToken = default)
    {
        var label = request.Label?.Trim() ?? string.Empty;
        if (label.Length is 0 or > UserSession.LabelMaxLength)
        {
            return new KioskIssue("Kiosk.Problem.Label");
        }

        var maxDays = options.CurrentValue.KioskMaxDays;
        if (request.Days is not { } days || days < 1 || days > maxDays)
        {
            return new KioskIssue("Kiosk.Problem.Days");
        }

        var accounts = await AccountsAsync(cancellationToken);
        if (accounts.FirstOrDefault(a => a.Id == request.UserId) is not { } account)
        {
            return new KioskIssue("Kiosk.Problem.Account");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(account.Id);
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            UserId = account.Id,
            Kind = SessionKind.Kiosk,
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = now.AddDays(days),
            SecurityStamp = user?.SecurityStamp,
            Label = label,
            EnrolmentCodeHash = UserSessions.Hash(code),
            EnrolmentExpiresUtc = now.AddMinutes(options.CurrentValue.KioskCodeMinutes),
            IssuedById = actingUserId,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.UserSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
        }

        await RecordAsync(users, SecurityEventType.KioskIssued, account, actingUserId, cancellationToken);
        return new KioskIssue(null, Format(code), session.EnrolmentExpiresUtc);
    }

    /// <summary>The display's half: a valid, unused, unexpired code gives its session (and can never be used again).</summary>
    public async Task<UserSession?> RedeemAsync(string? typed, HttpContext context, CancellationToken cancellationToken = default)
    {
        var code = Normalise(typed);
        if (code.Length != CodeLength)
        {
            return null;
        }

        var hash = UserSessions.Hash(code);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.EnrolmentCodeHash == hash, cancellationToken);
        if (session is null || session.EnrolmentExpiresUtc <= now || sessions.EndOf(session, now) is not null)
        {
            return null;
        }

        session.EnrolmentCodeHash = null;
        session.EnrolmentExpiresUtc = null;
        session.LastSeenUtc = now;
        UserSessions.Describe(session, context);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    public async Task<bool> RevokeAsync(Guid sessionId, string actingUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.UserSessions.AsNoTracking().Include(s => s.User)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.Kind == SessionKind.Kiosk, cancellationToken);
        if (session?.User is null || !await sessions.EndAsync(sessionId, SessionEndReason.Revoked, cancellationToken))
        {
            return false;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        await RecordAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), SecurityEventType.KioskRevoked,
            new KioskAccount(session.UserId, session.User.UserName!, session.User.DisplayName), actingUserId, cancellationToken);
        return true;
    }

    /// <summary>What a person types: case, spaces and dashes do not matter.</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).Take(CodeLength + 1).ToArray());

    /// <summary>In two groups of five, as it is read out: ABCDE-FGHJK.</summary>
    public static string Format(string code) => code.Length == CodeLength ? $"{code[..5]}-{code[5..]}" : code;

    private async Task RecordAsync(UserManager<AppUser> users, SecurityEventType type, KioskAccount account, string actingUserId, CancellationToken cancellationToken)
    {
        var actor = await users.FindByIdAsync(actingUserId);
        await events.RecordAdministrationAsync(type, account.UserName, account.Id, actingUserId, actor?.UserName ?? actingUserId, cancellationToken);
    }
}
