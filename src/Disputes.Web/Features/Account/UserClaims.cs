using System.Security.Claims;

namespace Disputes.Web.Features.Account;

/// <summary>What the app reads about the signed-in user, carried in the authentication cookie.</summary>
public static class UserClaims
{
    public const string DisplayName = "disputes:display_name";
    public const string OrganisationId = "disputes:org";
    public const string OrganisationName = "disputes:org_name";
    public const string OrganisationNameEn = "disputes:org_name_en";

    /// <summary>The user's id, as Identity puts it in the cookie.</summary>
    public static string? IdOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayNameOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string OrganisationNameOf(this ClaimsPrincipal user, bool chinese) =>
        user.FindFirstValue(chinese ? OrganisationName : OrganisationNameEn) ?? string.Empty;

    public static int? OrganisationIdOf(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OrganisationId), out var id) ? id : null;
}
