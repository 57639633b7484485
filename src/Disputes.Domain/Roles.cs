namespace Disputes.Domain;

/// <summary>The roles of DESIGN.md ("Who uses it"). The names are stored in the database: never rename one.</summary>
public static class Roles
{
    public const string TownOfficer = nameof(TownOfficer);
    public const string TownChair = nameof(TownChair);
    public const string DepartmentLiaison = nameof(DepartmentLiaison);
    public const string FederationDutyOfficer = nameof(FederationDutyOfficer);
    public const string CityLeader = nameof(CityLeader);
    public const string Administrator = nameof(Administrator);

    public static IReadOnlyList<string> All { get; } =
        [TownOfficer, TownChair, DepartmentLiaison, FederationDutyOfficer, CityLeader, Administrator];
}
