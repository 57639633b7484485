using Disputes.Web.Features.Account;
using MudBlazor;

namespace Disputes.Web.Components.Layout;

/// <param name="Policy">The page's own authorization policy; null where every signed-in user may go.</param>
/// <param name="ForceLoad">A server endpoint outside the Blazor router, such as the jobs dashboard.</param>
public sealed record NavItem(string Href, string TextKey, string Icon, string? Policy, bool ForceLoad = false);

/// <summary>The menu. Each entry carries the policy of the page it opens, so nobody is shown a door they cannot pass.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("/", "Nav.Home", Icons.Material.Filled.Home, null),
        new("/incidents/new", "Nav.LogIncident", Icons.Material.Filled.AddAlert, Policies.LogIncident),
        new("/monitoring", "Nav.Monitoring", Icons.Material.Filled.Monitor, Policies.CaseWork),
        new("/board", "Nav.Board", Icons.Material.Filled.Dashboard, Policies.CaseWork),
        new("/enterprises", "Nav.Enterprises", Icons.Material.Filled.Factory, Policies.CaseWork),
        new("/bulletins", "Nav.Bulletins", Icons.Material.Filled.Article, Policies.Bulletins),
        new("/admin/organisations", "Nav.Organisations", Icons.Material.Filled.AccountTree, Policies.Directory),
        new("/admin/users", "Nav.Users", Icons.Material.Filled.ManageAccounts, Policies.SecurityAdministrator),
        new("/admin/sessions", "Nav.Sessions", Icons.Material.Filled.Devices, Policies.SecurityAdministrator),
        new("/admin/audit", "Nav.AuditTrail", Icons.Material.Filled.FactCheck, Policies.AuditAdministrator),
        new("/admin/security-events", "Nav.SecurityEvents", Icons.Material.Filled.Policy, Policies.AuditAdministrator),
        new("/admin/playbook", "Nav.Playbook", Icons.Material.Filled.Rule, Policies.Administrator),
        new("/jobs", "Nav.Jobs", Icons.Material.Filled.Schedule, Policies.Administrator, ForceLoad: true),
    ];
}
