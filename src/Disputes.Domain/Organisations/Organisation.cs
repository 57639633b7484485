namespace Disputes.Domain.Organisations;

/// <summary>
/// The city federation, a town union, a department or a department's town branch. Every user belongs
/// to one; what they see follows from it.
/// </summary>
public sealed class Organisation
{
    public const int CodeMaxLength = 16;
    public const int NameMaxLength = 100;

    private Organisation()
    {
        Code = Name = NameEn = string.Empty;
    }

    private Organisation(string code, string name, string nameEn, OrganisationKind kind, DepartmentKind? department, Organisation? parent)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > CodeMaxLength)
        {
            throw new DomainException("organisation.code", $"Organisation code '{code}' must have 1 to {CodeMaxLength} characters.");
        }

        Code = code;
        Name = name;
        NameEn = nameEn;
        Kind = kind;
        Department = department;
        Parent = parent;
        ParentId = parent?.Id;
    }

    public int Id { get; private set; }

    /// <summary>
    /// Stable key. For a town union it is the short code that starts the town's incident numbers
    /// (ZP in ZP-2026-0007).
    /// </summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public OrganisationKind Kind { get; private set; }

    public DepartmentKind? Department { get; private set; }

    public int? ParentId { get; private set; }

    public Organisation? Parent { get; private set; }

    /// <summary>The town a branch serves; null for every other kind (see <see cref="ServedTownId"/>).</summary>
    public int? TownId { get; private set; }

    /// <summary>Set only on a branch.</summary>
    public Organisation? Town { get; private set; }

    /// <summary>The town whose incidents this organisation works on: itself for a town union, its town for a branch.</summary>
    public int? ServedTownId => Kind == OrganisationKind.TownUnion ? Id : TownId;

    public static Organisation CityFederation(string code, string name, string nameEn) =>
        new(code, name, nameEn, OrganisationKind.CityFederation, null, null);

    public static Organisation TownUnion(string code, string name, string nameEn, Organisation federation) =>
        new(code, name, nameEn, OrganisationKind.TownUnion, null, federation);

    public static Organisation CityDepartment(string code, string name, string nameEn, DepartmentKind department) =>
        new(code, name, nameEn, OrganisationKind.Department, department, null);

    public static Organisation Superior(string code, string name, string nameEn) =>
        new(code, name, nameEn, OrganisationKind.Superior, null, null);

    public static Organisation Branch(string code, string name, string nameEn, Organisation department, Organisation town)
    {
        if (department.Kind != OrganisationKind.Department || town.Kind != OrganisationKind.TownUnion)
        {
            throw new DomainException("organisation.branch", "A branch belongs to a city department and serves a town.");
        }

        return new Organisation(code, name, nameEn, OrganisationKind.DepartmentBranch, department.Department, department) { Town = town };
    }

    public string DisplayName(bool chinese) => chinese ? Name : NameEn;

    /// <summary>Brings reference data up to date without changing its identity.</summary>
    public void Rename(string name, string nameEn)
    {
        Name = name;
        NameEn = nameEn;
    }
}
