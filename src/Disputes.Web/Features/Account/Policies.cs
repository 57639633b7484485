using Disputes.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Disputes.Web.Features.Account;

/// <summary>
/// Who may open what. Pages and the navigation menu both use these names, so a menu entry never points
/// at a page its user would be refused.
/// </summary>
public static class Policies
{
    /// <summary>The system administrator's screens: organisations, the emergency plan, jobs.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>The security administrator's screens: users and the sign-in policy.</summary>
    public const string SecurityAdministrator = nameof(SecurityAdministrator);

    /// <summary>The audit administrator's screens.</summary>
    public const string AuditAdministrator = nameof(AuditAdministrator);

    /// <summary>Cases and what is made of them (the board, the wall, incidents, enterprises' histories): the five who work on cases, never an administrator.</summary>
    public const string CaseWork = nameof(CaseWork);

    /// <summary>The directory of organisations: the federation's duty officers and city leaders read it, the system administrator keeps it.</summary>
    public const string Directory = nameof(Directory);

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
        options.AddPolicy(SecurityAdministrator, p => p.RequireRole(Roles.SecurityAdministrator));
        options.AddPolicy(AuditAdministrator, p => p.RequireRole(Roles.AuditAdministrator));
        options.AddPolicy(CaseWork, p => p.RequireRole(Roles.CaseWork));
        options.AddPolicy(Directory, p => p.RequireRole(Roles.FederationDutyOfficer, Roles.CityLeader, Roles.Administrator));
    }
}
