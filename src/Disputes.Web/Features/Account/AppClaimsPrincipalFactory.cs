using System.Globalization;
using System.Security.Claims;
using Disputes.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Adds the user's name and organisation to the cookie, refreshed at every security-stamp check, and the two gates
/// (<see cref="AccountGate"/>): a password to change, a second factor to set up.
/// </summary>
internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<DisputesDbContext> dbFactory,
    IOptionsMonitor<SignInPolicyOptions> policy)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId);
        identity.AddClaim(new Claim(UserClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(UserClaims.OrganisationId, organisation.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(UserClaims.OrganisationName, organisation.Name));
        identity.AddClaim(new Claim(UserClaims.OrganisationNameEn, organisation.NameEn));
        identity.AddClaim(new Claim(UserClaims.OrganisationType, organisation.Kind.ToString()));
        if (organisation.ServedTownId is { } town)
        {
            identity.AddClaim(new Claim(UserClaims.TownId, town.ToString(CultureInfo.InvariantCulture)));
        }

        if (organisation.Department is { } department)
        {
            identity.AddClaim(new Claim(UserClaims.Department, department.ToString()));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(UserClaims.MustChangePassword, "true"));
        }

        if (!user.TwoFactorEnabled && policy.CurrentValue.RequiresTwoFactor(identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(UserClaims.MustEnrolTwoFactor, "true"));
        }

        return identity;
    }
}
