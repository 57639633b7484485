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
        var user = await db.Users.AsNoTracking().Include(u => u.Organisation).SingleAsync(u => u.UserName == userName, cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           select r.Name!).ToListAsync(cancellationToken);
        var organisation = user.Organisation!;
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), organisation.Id, organisation.Kind,
            organisation.ServedTownId, organisation.Department);
    }
}
