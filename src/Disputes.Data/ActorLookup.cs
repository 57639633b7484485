using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Data;

/// <summary>
/// A stored user as the domain sees them, for work done without a signed-in request (seeding, tests, benchmarks);
/// the same roles and organisation the sign-in cookie carries.
/// </summary>
public static class ActorLookup
{
    public static async Task<Actor> ForUserNameAsync(this DisputesDbContext db, string userName, CancellationToken cancellationToken = default)
    {
        var id = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(cancellationToken);
        return (await db.ActorsAsync([id], cancellationToken)).Single().Actor;
    }

    /// <summary>Several stored users at once, with their email addresses (the people an escalation tells).</summary>
    public static async Task<IReadOnlyList<(Actor Actor, string? Email)>> ActorsAsync(this DisputesDbContext db, IReadOnlyCollection<string> userIds,
        CancellationToken cancellationToken = default)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Organisation).Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where userIds.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        return users.Select(user =>
        {
            var organisation = user.Organisation!;
            return (new Actor(user.Id, user.DisplayName, roles[user.Id].ToHashSet(), organisation.Id, organisation.Kind,
                organisation.ServedTownId, organisation.Department), user.Email);
        }).ToList();
    }
}
