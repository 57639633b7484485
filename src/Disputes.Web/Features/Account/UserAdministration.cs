using Disputes.Data;
using Disputes.Domain.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Account;

public sealed record UserRow(string Id, string UserName, string DisplayName, string Organisation, string OrganisationEn,
    OrganisationKind OrganisationKind, IReadOnlyList<string> Roles, bool IsActive, DateTimeOffset? LockedOutUntil);

/// <summary>
/// The administrator's user operations. Each call opens its own scope, so no DbContext outlives an operation
/// even when a circuit keeps this service for hours.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopeFactory, TimeProvider clock, SignInBlocks blocks)
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
                u.Organisation.Kind, rolesByUser[u.Id].Order().ToList(), u.IsActive, LockedOutUntil(u, blockedUntil, now)))
            .ToList();
    }

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
        });
        return true;
    }

    /// <summary>Lifts every address's sign-in block for the user, and any account-wide lockout Identity holds.</summary>
    public Task UnlockAsync(string userId) => WithUserAsync(userId, async (users, user) =>
    {
        await blocks.ClearAccountAsync(user.NormalizedUserName!);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    });

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
