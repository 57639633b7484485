using Disputes.Data;
using Disputes.Domain.Incidents;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>A demo user as the domain sees them, built the way the sign-in cookie builds them.</summary>
public static class Actors
{
    public static Task<Actor> ForAsync(DisputesAppFactory app, string userName) => app.WithDbAsync(db => db.ForUserNameAsync(userName));
}
