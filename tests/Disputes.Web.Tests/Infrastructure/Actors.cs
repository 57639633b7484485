using Disputes.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>A demo user as the domain sees them, built the way the sign-in cookie builds them.</summary>
public static class Actors
{
    public static Task<Actor> ForAsync(DisputesAppFactory app, string userName) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Organisation).SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           select r.Name!).ToListAsync();
        var organisation = user.Organisation!;
        return new Actor(user.Id, user.DisplayName, roles.ToHashSet(), organisation.Id, organisation.Kind,
            organisation.ServedTownId, organisation.Department);
    });
}
