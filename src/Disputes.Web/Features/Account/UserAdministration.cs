using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Account.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

public sealed record UserRow(string Id, string UserName, string DisplayName, string Organisation, string OrganisationEn,
    OrganisationKind OrganisationKind, IReadOnlyList<string> Roles, bool IsActive, DateTimeOffset? LockedOutUntil)
{
    public int OrganisationId { get; init; }

    public bool MustChangePassword { get; init; }

    /// <summary>Signs in with an authenticator code as well as the password.</summary>
    public bool TwoFactorEnabled { get; init; }

    /// <summary>Their role must use the second factor (<see cref="SignInPolicyOptions.TwoFactor"/>).</summary>
    public bool TwoFactorRequired { get; init; }
}

/// <summary>An organisation a user may be put in, with its kind (which decides the roles that fit).</summary>
public sealed record OrganisationOption(int Id, string Name, string NameEn, OrganisationKind Kind);

/// <summary>A new account as the security administrator fills it in.</summary>
public sealed record NewAccount(string? UserName, string? DisplayName, int? OrganisationId, string? Role);

/// <summary>
/// What a change to an account came to: refused with a message key (<see cref="Problem"/>), or done — with the
/// temporary password to hand over when one was set. It is shown once and stored only hashed.
/// </summary>
public sealed record AccountChange(string? Problem, string? TemporaryPassword = null)
{
    public bool Succeeded => Problem is null;

    public static AccountChange Done(string? temporaryPassword = null) => new(null, temporaryPassword);

    public static AccountChange Refused(string problem) => new(problem);
}

/// <summary>
/// The security administrator's user operations. Each call opens its own scope, so no DbContext outlives an operation
/// even when a circuit keeps this service for hours. Nobody changes their own account here (their role, organisation,
/// password or state): that takes a second security administrator, as 三员分立 means. Every change that narrows or moves
/// a user renews their security stamp and ends their sessions: cookies at once, open pages and hub connections within a minute.
/// </summary>
public sealed partial class UserAdministration(IServiceScopeFactory scopeFactory, TimeProvider clock, SignInBlocks blocks, SecurityEvents events,
    UserSessions sessions, IOptionsMonitor<SignInPolicyOptions> policy)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        var blockedUntil = (await db.SignInFailures.Where(f => f.BlockedUntilUtc > nowUtc)
                .Select(f => new { f.NormalizedUserName, Until = f.BlockedUntilUtc!.Value })
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.NormalizedUserName)
            .ToDictionary(g => g.Key, g => new DateTimeOffset(DateTime.SpecifyKind(g.Max(f => f.Until), DateTimeKind.Utc)));
        var users = await db.Users.AsNoTracking().Include(u => u.Organisation).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return users.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Organisation!.Name, u.Organisation.NameEn,
                u.Organisation.Kind, rolesByUser[u.Id].Order().ToList(), u.IsActive, LockedOutUntil(u, blockedUntil, now))
            {
                OrganisationId = u.OrganisationId,
                MustChangePassword = u.MustChangePassword,
                TwoFactorEnabled = u.TwoFactorEnabled,
                TwoFactorRequired = policy.CurrentValue.RequiresTwoFactor(rolesByUser[u.Id]),
            })
            .ToList();
    }

    /// <summary>Where users may sit: every organisation but the superior bodies, the federation first, then towns and departments.</summary>
    public async Task<IReadOnlyList<OrganisationOption>> OrganisationsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        return await db.Organisations.AsNoTracking().Where(o => o.Kind != OrganisationKind.Superior)
            .OrderBy(o => o.Kind).ThenBy(o => o.Id)
            .Select(o => new OrganisationOption(o.Id, o.Name, o.NameEn, o.Kind)).ToListAsync(cancellationToken);
    }

    /// <summary>Creates an account with one role and a temporary password, to be changed at the first sign-in.</summary>
    public async Task<AccountChange> CreateAsync(NewAccount account, string actingUserId, CancellationToken cancellationToken = default)
    {
        var userName = account.UserName?.Trim().ToLowerInvariant() ?? string.Empty;
        var displayName = account.DisplayName?.Trim() ?? string.Empty;
        if (!UserNamePattern().IsMatch(userName))
        {
            return AccountChange.Refused("Users.Problem.UserName");
        }

        if (displayName.Length is 0 or > AppUser.DisplayNameMaxLength)
        {
            return AccountChange.Refused("Users.Problem.DisplayName");
        }

        if (!TypedText.IsClean(displayName))
        {
            return AccountChange.Refused("Error." + TypedText.CharactersError);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await FitProblemAsync(scope, account.Role, account.OrganisationId, cancellationToken) is { } problem)
        {
            return AccountChange.Refused(problem);
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return AccountChange.Refused("Users.Problem.Taken");
        }

        var password = TemporaryPassword();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            OrganisationId = account.OrganisationId!.Value,
            LockoutEnabled = true,
            MustChangePassword = true,
        };
        // One transaction: an account without its role is never left behind.
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, account.Role!));
        await transaction.CommitAsync(cancellationToken);
        await RecordAsync(users, SecurityEventType.AccountCreated, user, actingUserId);
        return AccountChange.Done(password);
    }

    /// <summary>Gives the user one role in one organisation, in place of what they had.</summary>
    public async Task<AccountChange> AssignAsync(string userId, string? role, int? organisationId, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (userId == actingUserId)
        {
            return AccountChange.Refused("Users.Problem.Self");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        if (await FitProblemAsync(scope, role, organisationId, cancellationToken) is { } problem)
        {
            return AccountChange.Refused(problem);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await users.GetRolesAsync(user);
        if (held.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, held));
        }

        Check(await users.AddToRoleAsync(user, role!));
        user.OrganisationId = organisationId!.Value;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id, SessionEndReason.AccountChanged, cancellationToken);
        await RecordAsync(users, SecurityEventType.RoleAssigned, user, actingUserId);
        return AccountChange.Done();
    }

    /// <summary>A new temporary password, to be changed at the next sign-in; the old one stops working and the user's sessions end.</summary>
    public async Task<AccountChange> ResetPasswordAsync(string userId, string actingUserId)
    {
        if (userId == actingUserId)
        {
            return AccountChange.Refused("Users.Problem.Self");
        }

        var password = TemporaryPassword();
        await WithUserAsync(userId, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
            user.MustChangePassword = true;
            Check(await users.UpdateAsync(user));
            // A new password is a fresh start: the blocks earned by wrong ones are lifted.
            await blocks.ClearAccountAsync(user.NormalizedUserName!);
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            await sessions.EndAllAsync(user.Id, SessionEndReason.AccountChanged);
            await RecordAsync(users, SecurityEventType.PasswordReset, user, actingUserId);
        });
        return AccountChange.Done(password);
    }

    /// <summary>
    /// For a lost or replaced phone: the authenticator key and the recovery codes stop working, the user's sessions end,
    /// and whoever's role requires the second factor sets it up again at the next sign-in (others sign in with the
    /// password alone until they turn it on again). Not for one's own account.
    /// </summary>
    public async Task<AccountChange> ResetAuthenticatorAsync(string userId, string actingUserId)
    {
        if (userId == actingUserId)
        {
            return AccountChange.Refused("Users.Problem.Self");
        }

        var change = AccountChange.Done();
        await WithUserAsync(userId, async (users, user) =>
        {
            if (!user.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(user) is null)
            {
                change = AccountChange.Refused("Users.Problem.NoAuthenticator");
                return;
            }

            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            // Codes typed wrong on the lost phone's account count for nothing now.
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            await sessions.EndAllAsync(user.Id, SessionEndReason.AccountChanged);
            await RecordAsync(users, SecurityEventType.TwoFactorReset, user, actingUserId);
        });
        return change;
    }

    /// <summary>12 characters without look-alikes (no 0/o, 1/l/i), read aloud or copied by hand: about 59 bits.</summary>
    public static string TemporaryPassword() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12);

    private static async Task<string?> FitProblemAsync(AsyncServiceScope scope, string? role, int? organisationId, CancellationToken cancellationToken)
    {
        if (role is null || !Domain.Roles.All.Contains(role))
        {
            return "Users.Problem.Role";
        }

        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var kind = organisationId is { } id
            ? await db.Organisations.Where(o => o.Id == id).Select(o => (OrganisationKind?)o.Kind).SingleOrDefaultAsync(cancellationToken)
            : null;
        return kind switch
        {
            null => "Users.Problem.Organisation",
            { } k when !Domain.Roles.Fits(role, k) => "Users.Problem.Fit",
            _ => null,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$")]
    private static partial Regex UserNamePattern();

    /// <summary>
    /// Disabling also renews the security stamp, which ends the user's open sessions within a minute.
    /// Administrators cannot disable themselves, so the city is never left without one by a slip of the finger.
    /// </summary>
    /// <returns>False when the change was refused.</returns>
    public async Task<bool> SetActiveAsync(string userId, bool active, string actingUserId)
    {
        if (!active && userId == actingUserId)
        {
            return false;
        }

        await WithUserAsync(userId, async (users, user) =>
        {
            user.IsActive = active;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            if (!active)
            {
                await sessions.EndAllAsync(user.Id, SessionEndReason.AccountChanged);
            }

            await RecordAsync(users, active ? SecurityEventType.AccountEnabled : SecurityEventType.AccountDisabled, user, actingUserId);
        });
        return true;
    }

    /// <summary>Lifts every address's sign-in block for the user, and any account-wide lockout Identity holds.</summary>
    public Task UnlockAsync(string userId, string actingUserId) => WithUserAsync(userId, async (users, user) =>
    {
        await blocks.ClearAccountAsync(user.NormalizedUserName!);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        await RecordAsync(users, SecurityEventType.AccountUnlocked, user, actingUserId);
    });

    /// <summary>Ends one session of any user (a lost phone, a shared computer): its cookie, page, token or display stops working.</summary>
    public async Task<bool> EndSessionAsync(Guid sessionId, string actingUserId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var userId = await db.UserSessions.Where(s => s.Id == sessionId).Select(s => s.UserId).SingleOrDefaultAsync(cancellationToken);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (userId is null || await users.FindByIdAsync(userId) is not { } user || !await sessions.EndAsync(sessionId, SessionEndReason.Revoked, cancellationToken))
        {
            return false;
        }

        await RecordAsync(users, SecurityEventType.SessionEnded, user, actingUserId);
        return true;
    }

    /// <summary>Every change here is a security event naming the account and the security administrator who made it.</summary>
    private async Task RecordAsync(UserManager<AppUser> users, SecurityEventType type, AppUser user, string actingUserId)
    {
        var actor = await users.FindByIdAsync(actingUserId);
        await events.RecordAdministrationAsync(type, user.UserName!, user.Id, actingUserId, actor?.UserName ?? actingUserId);
    }

    /// <summary>The latest end of a block from some address, or of an account-wide lockout (none are made for passwords any more).</summary>
    private static DateTimeOffset? LockedOutUntil(AppUser user, Dictionary<string, DateTimeOffset> blocks, DateTimeOffset now)
    {
        DateTimeOffset? until = user.LockoutEnd > now ? user.LockoutEnd : null;
        if (user.NormalizedUserName is { } name && blocks.TryGetValue(name, out var blocked) && (until is null || blocked > until))
        {
            until = blocked;
        }

        return until;
    }

    private async Task WithUserAsync(string userId, Func<UserManager<AppUser>, AppUser, Task> action)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        await action(users, user);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
