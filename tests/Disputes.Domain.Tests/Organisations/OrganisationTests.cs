using Disputes.Domain.Organisations;

namespace Disputes.Domain.Tests.Organisations;

public sealed class OrganisationTests
{
    private static readonly Organisation Federation = Organisation.CityFederation("KS", "昆山市总工会", "Kunshan Federation");
    private static readonly Organisation Zhangpu = Organisation.TownUnion("ZP", "张浦镇总工会", "Zhangpu Trade Union", Federation);
    private static readonly Organisation Justice = Organisation.CityDepartment("JUSTICE", "司法局", "Justice Bureau", DepartmentKind.Justice);

    [Fact]
    public void A_branch_carries_its_department_kind_and_serves_its_town()
    {
        var branch = Organisation.Branch("ZP-JUSTICE", "张浦司法所", "Zhangpu Justice Office", Justice, Zhangpu);

        Assert.Equal(OrganisationKind.DepartmentBranch, branch.Kind);
        Assert.Equal(DepartmentKind.Justice, branch.Department);
        Assert.Same(Zhangpu, branch.Town);
        Assert.Same(Justice, branch.Parent);
    }

    [Fact]
    public void A_branch_must_hang_off_a_city_department_and_a_town()
    {
        var error = Assert.Throws<DomainException>(() => Organisation.Branch("X", "x", "x", Zhangpu, Zhangpu));

        Assert.Equal("organisation.branch", error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("THIS-CODE-IS-TOO-LONG")]
    public void An_organisation_code_is_short_and_not_blank(string code)
    {
        Assert.Throws<DomainException>(() => Organisation.CityDepartment(code, "x", "x", DepartmentKind.Police));
    }

    [Fact]
    public void Names_follow_the_language()
    {
        Assert.Equal("张浦镇总工会", Zhangpu.DisplayName(chinese: true));
        Assert.Equal("Zhangpu Trade Union", Zhangpu.DisplayName(chinese: false));
    }
}
