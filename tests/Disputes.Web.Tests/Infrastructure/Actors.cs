using System.Globalization;
using System.Security.Claims;
using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Web.Features.Account;
using Microsoft.AspNetCore.Components.Authorization;

namespace Disputes.Web.Tests.Infrastructure;

/// <summary>A demo user as the domain sees them, built the way the sign-in cookie builds them.</summary>
public static class Actors
{
    public static Task<Actor> ForAsync(DisputesAppFactory app, string userName) => app.WithDbAsync(db => db.ForUserNameAsync(userName));

    /// <summary>A system administrator of the city federation (organisation 1) by this name, for the playbook's editor.</summary>
    public static Actor Administrator(string name) =>
        new("admin-" + name, name, new HashSet<string> { Domain.Roles.Administrator }, 1, Domain.Organisations.OrganisationKind.CityFederation, null, null);

    /// <summary>The claims the sign-in cookie carries for this actor, as <see cref="UserClaims.ActorOf"/> reads them.</summary>
    public static Task<AuthenticationState> StateOf(Actor actor)
    {
        static string? Invariant(int? value) => value?.ToString(CultureInfo.InvariantCulture);
        var claims = new (string Type, string? Value)[]
            {
                (ClaimTypes.NameIdentifier, actor.UserId), (UserClaims.DisplayName, actor.Name),
                (UserClaims.OrganisationId, Invariant(actor.OrganisationId)), (UserClaims.OrganisationType, actor.OrganisationKind.ToString()),
                (UserClaims.TownId, Invariant(actor.TownId)), (UserClaims.Department, actor.Department?.ToString()),
            }
            .Where(c => c.Value is not null).Select(c => new Claim(c.Type, c.Value!))
            .Concat(actor.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"))));
    }
}
