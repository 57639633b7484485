using Disputes.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

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
        // A kiosk session holds a duty officer's or leader's claims but opens only the wall display: every policy, and
        // plain [Authorize], refuses it anywhere else.
        options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(NotKiosk).Build();
        Add(options, Bulletins, p => p.RequireRole(Roles.FederationDutyOfficer, Roles.CityLeader));
        Add(options, IssueBulletin, p => p.RequireRole(Roles.FederationDutyOfficer));
        Add(options, LogIncident, p => p.RequireRole(Roles.TownOfficer, Roles.TownChair, Roles.FederationDutyOfficer));
        Add(options, Administrator, p => p.RequireRole(Roles.Administrator));
        Add(options, SecurityAdministrator, p => p.RequireRole(Roles.SecurityAdministrator));
        Add(options, AuditAdministrator, p => p.RequireRole(Roles.AuditAdministrator));
        Add(options, CaseWork, p => p.RequireRole(Roles.CaseWork));
        Add(options, Directory, p => p.RequireRole(Roles.FederationDutyOfficer, Roles.CityLeader, Roles.Administrator));
    }

    private static readonly AssertionRequirement NotKiosk = new(context => !Sessions.UserSessions.IsKiosk(context.User) || IsWallDisplay(context.Resource));

    /// <summary>
    /// The resource a check is made for: the request, when a page or endpoint is asked for over HTTP; the route, when
    /// the router of an open page moves to another.
    /// </summary>
    private static bool IsWallDisplay(object? resource) => resource switch
    {
        HttpContext http => http.Request.Path.Equals(Sessions.KioskSessions.DisplayPath, StringComparison.OrdinalIgnoreCase),
        Microsoft.AspNetCore.Components.RouteData route => route.PageType == typeof(Monitoring.WallDisplay),
        _ => false,
    };

    private static void Add(AuthorizationOptions options, string name, Action<AuthorizationPolicyBuilder> configure) =>
        options.AddPolicy(name, p =>
        {
            configure(p);
            p.AddRequirements(NotKiosk);
        });
}
