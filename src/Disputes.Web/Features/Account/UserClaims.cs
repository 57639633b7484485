using System.Security.Claims;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Web.Features.Account;

/// <summary>What the app reads about the signed-in user, carried in the authentication cookie.</summary>
public static class UserClaims
{
    public const string DisplayName = "disputes:display_name";
    public const string OrganisationId = "disputes:org";
    public const string OrganisationName = "disputes:org_name";
    public const string OrganisationNameEn = "disputes:org_name_en";
    public const string OrganisationType = "disputes:org_kind";
    public const string TownId = "disputes:town";
    public const string Department = "disputes:dept";

    /// <summary>Present while the password is one the security administrator set (<see cref="Data.AppUser.MustChangePassword"/>).</summary>
    public const string MustChangePassword = "disputes:must_change_password";

    /// <summary>Present while the user's role requires a second factor (<c>SignIn:TwoFactor:RequiredFor</c>) and none is set up yet.</summary>
    public const string MustEnrolTwoFactor = "disputes:must_enrol_2fa";

    /// <summary>The user's id, as Identity puts it in the cookie.</summary>
    public static string? IdOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string OrganisationNameOf(this ClaimsPrincipal user, bool chinese) =>
        user.FindFirstValue(chinese ? OrganisationName : OrganisationNameEn) ?? string.Empty;

    public static int? OrganisationIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OrganisationId), out var id) ? id : null;

    /// <summary>The signed-in user as the domain sees them; null for a user without an organisation (not signed in).</summary>
    public static Actor? ActorOf(this ClaimsPrincipal user)
    {
        if (user.IdOf() is not { } id || user.OrganisationIdOf() is not { } organisation
            || !Enum.TryParse<OrganisationKind>(user.FindFirstValue(OrganisationType), out var kind))
        {
            return null;
        }

        return new Actor(
            id,
            user.DisplayNameOf(),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            organisation,
            kind,
            int.TryParse(user.FindFirstValue(TownId), out var town) ? town : null,
            Enum.TryParse<DepartmentKind>(user.FindFirstValue(Department), out var department) ? department : null)
        {
            ClientAddress = user.FindFirstValue(ClientAddressClaim.Type),
        };
    }
}
