using Disputes.Domain.Organisations;

namespace Disputes.Domain;

/// <summary>The roles of DESIGN.md ("Who uses it"). The names are stored in the database: never rename one.</summary>
public static class Roles
{
    // The five who work on cases.
    public const string TownOfficer = nameof(TownOfficer);
    public const string TownChair = nameof(TownChair);
    public const string DepartmentLiaison = nameof(DepartmentLiaison);
    public const string FederationDutyOfficer = nameof(FederationDutyOfficer);
    public const string CityLeader = nameof(CityLeader);

    // The three administrators of 三员分立 (等保 2.0, GB/T 22239-2019 8.1.5.1–8.1.5.3), kept apart and seeing no case content.

    /// <summary>系统管理员: organisations, the emergency plan, system settings and jobs.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>安全管理员: users, their roles and organisations, passwords, two-factor resets, the sign-in policy.</summary>
    public const string SecurityAdministrator = nameof(SecurityAdministrator);

    /// <summary>审计管理员: reads and verifies the audit trail; nothing else.</summary>
    public const string AuditAdministrator = nameof(AuditAdministrator);

    public static IReadOnlyList<string> CaseWork { get; } = [TownOfficer, TownChair, DepartmentLiaison, FederationDutyOfficer, CityLeader];

    public static IReadOnlyList<string> Administrators { get; } = [Administrator, SecurityAdministrator, AuditAdministrator];

    public static IReadOnlyList<string> All { get; } = [.. CaseWork, .. Administrators];

    /// <summary>
    /// Where a holder of the role sits: town officers and chairs in a town union, liaisons in a department or its town
    /// branch, city leaders in the federation or a city department (the political-legal committee), the duty officers
    /// and the administrators in the federation. A superior body has no users.
    /// </summary>
    public static bool Fits(string role, OrganisationKind organisation) => role switch
    {
        TownOfficer or TownChair => organisation == OrganisationKind.TownUnion,
        DepartmentLiaison => organisation is OrganisationKind.Department or OrganisationKind.DepartmentBranch,
        CityLeader => organisation is OrganisationKind.CityFederation or OrganisationKind.Department,
        FederationDutyOfficer or Administrator or SecurityAdministrator or AuditAdministrator => organisation == OrganisationKind.CityFederation,
        _ => false,
    };
}
