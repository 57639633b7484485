using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class VisibilityTests
{
    [Theory]
    [InlineData("zhangpu-officer", true)]
    [InlineData("zhangpu-chair", true)]
    [InlineData("yushan-officer", false)]
    [InlineData("yushan-chair", false)]
    public void Town_users_see_only_their_own_towns_incidents(string who, bool seesZhangpu)
    {
        var zhangpu = Logged();
        var yushan = Logged(townId: YushanId);

        Assert.Equal(seesZhangpu, IncidentPermissions.CanSee(Actors[who], zhangpu));
        Assert.Equal(!seesZhangpu, IncidentPermissions.CanSee(Actors[who], yushan));
    }

    [Theory]
    [InlineData("duty-officer")]
    [InlineData("city-leader")]
    [InlineData("administrator")]
    public void Federation_roles_see_every_town(string who)
    {
        Assert.True(IncidentPermissions.CanSee(Actors[who], Logged()));
        Assert.True(IncidentPermissions.CanSee(Actors[who], Logged(townId: YushanId)));
        Assert.True(IncidentPermissions.CanSee(Actors[who], InStage(Stage.Closed)));
    }

    [Fact]
    public void A_liaison_sees_nothing_until_their_department_is_engaged()
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));

        Assert.False(IncidentPermissions.CanSee(LaborLiaison, incident));
        Assert.False(IncidentPermissions.CanSee(ZhangpuJusticeLiaison, incident));
        Assert.False(IncidentPermissions.CanSee(PoliceLiaison, incident));
    }

    [Fact]
    public void A_liaison_sees_the_incidents_their_department_is_engaged_on()
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.LaborInspection, ZhangpuLaborOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));

        Assert.True(IncidentPermissions.CanSee(LaborLiaison, incident));
        Assert.True(IncidentPermissions.CanSee(ZhangpuLaborLiaison, incident));
        Assert.True(IncidentPermissions.CanSee(ZhangpuJusticeLiaison, incident));
        Assert.False(IncidentPermissions.CanSee(YushanJusticeLiaison, incident));
        Assert.False(IncidentPermissions.CanSee(PoliceLiaison, incident));
    }

    [Fact]
    public void A_liaison_still_sees_a_closed_incident_their_department_worked_on()
    {
        var incident = InStage(Stage.Resolved);
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), ReportedAt.AddHours(4));
        incident.Close(ZhangpuChair, ClosureAt(ReportedAt.AddHours(5)), DefaultPlaybook(), ReportedAt.AddHours(5));

        Assert.True(IncidentPermissions.CanSee(ZhangpuJusticeLiaison, incident));
    }
}
