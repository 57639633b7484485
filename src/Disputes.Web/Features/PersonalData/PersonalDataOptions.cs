using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Web.Features.PersonalData;

/// <summary>
/// Who may see a worker's whole ID number and phone (GB/T 35273-2020 7.2: shown de-identified unless the work needs it),
/// and the reasons offered. <c>PersonalData:RevealRoles</c> lists roles, a liaison narrowed to a department as
/// <c>DepartmentLiaison:LaborInspection</c>.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>How long a revealed number stays on screen before it is masked again.</summary>
    public static readonly TimeSpan RevealFor = TimeSpan.FromMinutes(1);

    public const int ReasonMinLength = 2;
    public const int ReasonMaxLength = 100;

    /// <summary>The town chair, the federation's duty officer and the labour-inspection liaison: those who handle advances and legal aid.</summary>
    public string RevealRoles { get; set; } = $"{Roles.TownChair},{Roles.FederationDutyOfficer},{Roles.DepartmentLiaison}:{DepartmentKind.LaborInspection}";

    public IReadOnlyList<(string Role, DepartmentKind? Department)> Grants =>
        RevealRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(grant => grant.Split(':', 2) is [var role, var department]
                ? (role, Enum.TryParse<DepartmentKind>(department, out var kind) ? kind : (DepartmentKind?)(DepartmentKind)(-1))
                : (grant, (DepartmentKind?)null))
            .ToList();

    public bool IsValid => Grants.All(g => Roles.All.Contains(g.Role) && (g.Department is null || Enum.IsDefined(g.Department.Value)));

    public bool Allows(Actor actor) =>
        Grants.Any(g => actor.IsIn(g.Role) && (g.Department is null || actor.Department == g.Department));

    /// <summary>The reasons offered first (resource keys); any other may be typed.</summary>
    public static readonly IReadOnlyList<string> CommonReasons =
        ["Reveal.Reason.WageGuaranteeAdvance", "Reveal.Reason.LegalAid", "Reveal.Reason.LabourInspection", "Reveal.Reason.Mediation"];
}
