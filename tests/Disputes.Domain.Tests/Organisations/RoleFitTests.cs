using Disputes.Domain.Organisations;

namespace Disputes.Domain.Tests.Organisations;

public sealed class RoleFitTests
{
    [Theory]
    [InlineData(Roles.TownOfficer, OrganisationKind.TownUnion)]
    [InlineData(Roles.TownChair, OrganisationKind.TownUnion)]
    [InlineData(Roles.DepartmentLiaison, OrganisationKind.Department)]
    [InlineData(Roles.DepartmentLiaison, OrganisationKind.DepartmentBranch)]
    [InlineData(Roles.CityLeader, OrganisationKind.CityFederation)]
    [InlineData(Roles.CityLeader, OrganisationKind.Department)]
    [InlineData(Roles.FederationDutyOfficer, OrganisationKind.CityFederation)]
    [InlineData(Roles.Administrator, OrganisationKind.CityFederation)]
    [InlineData(Roles.SecurityAdministrator, OrganisationKind.CityFederation)]
    [InlineData(Roles.AuditAdministrator, OrganisationKind.CityFederation)]
    public void A_role_fits_where_its_holders_sit(string role, OrganisationKind kind) => Assert.True(Roles.Fits(role, kind));

    [Fact]
    public void Every_other_pair_does_not_fit_and_nobody_sits_in_a_superior_body()
    {
        var fitting = new HashSet<(string, OrganisationKind)>
        {
            (Roles.TownOfficer, OrganisationKind.TownUnion), (Roles.TownChair, OrganisationKind.TownUnion),
            (Roles.DepartmentLiaison, OrganisationKind.Department), (Roles.DepartmentLiaison, OrganisationKind.DepartmentBranch),
            (Roles.CityLeader, OrganisationKind.CityFederation), (Roles.CityLeader, OrganisationKind.Department),
            (Roles.FederationDutyOfficer, OrganisationKind.CityFederation), (Roles.Administrator, OrganisationKind.CityFederation),
            (Roles.SecurityAdministrator, OrganisationKind.CityFederation), (Roles.AuditAdministrator, OrganisationKind.CityFederation),
        };

        foreach (var role in Roles.All)
        {
            foreach (var kind in Enum.GetValues<OrganisationKind>())
            {
                Assert.Equal(fitting.Contains((role, kind)), Roles.Fits(role, kind));
            }
        }

        Assert.False(Roles.Fits("Nobody", OrganisationKind.CityFederation));
    }
}
