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
public sealed class UserAdministration(IServiceScopeFactory scopeFactory, TimeProvider clock)
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
        var users = await db.Users.AsNoTracking().Include(u => u.Organisation).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return users.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Organisation!.Name, u.Organisation.NameEn,
                u.Organisation.Kind, rolesByUser[u.Id].Order().ToList(), u.IsActive, u.LockoutEnd > now ? u.LockoutEnd : null))
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

    public Task UnlockAsync(string userId) => WithUserAsync(userId, async (users, user) =>
    {
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    });

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
