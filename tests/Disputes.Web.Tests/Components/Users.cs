using System.Security.Claims;
using Disputes.Web.Features.Account;
using Microsoft.AspNetCore.Components.Authorization;

namespace Disputes.Web.Tests.Components;

public static class Users
{
    public static Task<AuthenticationState> SignedIn(string role, string displayName = "王海涛", string organisation = "张浦镇总工会", string organisationEn = "Zhangpu Trade Union")
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "someone"),
            new Claim(ClaimTypes.Role, role),
            new Claim(UserClaims.DisplayName, displayName),
            new Claim(UserClaims.OrganisationName, organisation),
            new Claim(UserClaims.OrganisationNameEn, organisationEn),
        ], authenticationType: "Test");
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity)));
    }
}
