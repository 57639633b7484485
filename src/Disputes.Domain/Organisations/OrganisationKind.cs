namespace Disputes.Domain.Organisations;

public enum OrganisationKind
{
    /// <summary>市总工会: sees every case in the city.</summary>
    CityFederation,

    /// <summary>区镇总工会: one of the district/town unions.</summary>
    TownUnion,

    /// <summary>联动部门 at city level.</summary>
    Department,

    /// <summary>A department's branch in one town (司法所, 派出所, …).</summary>
    DepartmentBranch,

    /// <summary>上级机关: a body the federation reports to (the 报 line of a bulletin). Nobody signs in from one and it sees no case.</summary>
    Superior,
}
