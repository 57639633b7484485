using Disputes.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Who may open what. Pages and the navigation menu both use these names, so a menu entry never points
/// at a page its user would be refused.
/// </summary>
public static class Policies
{
    public const string Administrator = nameof(Administrator);

    /// <summary>The city federation's view of the whole city: duty officers, city leaders, administrators.</summary>
    public const string CityWide = nameof(CityWide);

    /// <summary>Town officers and chairs log their town's incidents; the duty officer may log for any town.</summary>
    public const string LogIncident = nameof(LogIncident);

    /// <summary>Issued work bulletins: the federation's duty officers, who issue them, and the city leaders they go to.</summary>
    public const string Bulletins = nameof(Bulletins);

    /// <summary>签发 a work bulletin: the federation's duty officers.</summary>
    public const string IssueBulletin = nameof(IssueBulletin);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Bulletins, p => p.RequireRole(Roles.FederationDutyOfficer, Roles.CityLeader));
        options.AddPolicy(IssueBulletin, p => p.RequireRole(Roles.FederationDutyOfficer));
        options.AddPolicy(LogIncident, p => p.RequireRole(Roles.TownOfficer, Roles.TownChair, Roles.FederationDutyOfficer));
        options.AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(CityWide, p => p.RequireRole(Roles.FederationDutyOfficer, Roles.CityLeader, Roles.Administrator));
    }
}
