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

        Assert.Equal(seesZhangpu, IncidentAudience.Of(zhangpu).Includes(Actors[who]));
        Assert.Equal(!seesZhangpu, IncidentAudience.Of(yushan).Includes(Actors[who]));
    }

    [Theory]
    [InlineData("duty-officer")]
    [InlineData("city-leader")]
    public void Federation_roles_see_every_town(string who)
    {
        Assert.True(IncidentAudience.Of(Logged()).Includes(Actors[who]));
        Assert.True(IncidentAudience.Of(Logged(townId: YushanId)).Includes(Actors[who]));
        Assert.True(IncidentAudience.Of(InStage(Stage.Closed)).Includes(Actors[who]));
    }

    /// <summary>DESIGN.md: the administrators sit in the federation and see no case content.</summary>
    [Fact]
    public void The_system_administrator_sees_no_incident_though_they_sit_in_the_federation()
    {
        Assert.False(IncidentAudience.Of(Logged()).Includes(Actors["administrator"]));
        Assert.False(IncidentAudience.Of(Logged(townId: YushanId)).Includes(Actors["administrator"]));
        Assert.False(IncidentAudience.GrantOf(Actors["administrator"]).City);
    }

    [Fact]
    public void A_liaison_sees_nothing_until_their_department_is_engaged()
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));

        Assert.False(IncidentAudience.Of(incident).Includes(LaborLiaison));
        Assert.False(IncidentAudience.Of(incident).Includes(ZhangpuJusticeLiaison));
        Assert.False(IncidentAudience.Of(incident).Includes(PoliceLiaison));
    }

    [Fact]
    public void A_liaison_sees_the_incidents_their_department_is_engaged_on()
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.LaborInspection, ZhangpuLaborOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), ReportedAt.AddMinutes(10));

        Assert.True(IncidentAudience.Of(incident).Includes(LaborLiaison));
        Assert.True(IncidentAudience.Of(incident).Includes(ZhangpuLaborLiaison));
        Assert.True(IncidentAudience.Of(incident).Includes(ZhangpuJusticeLiaison));
        Assert.False(IncidentAudience.Of(incident).Includes(YushanJusticeLiaison));
        Assert.False(IncidentAudience.Of(incident).Includes(PoliceLiaison));
    }

    [Fact]
    public void A_liaison_still_sees_a_closed_incident_their_department_worked_on()
    {
        var incident = InStage(Stage.Resolved);
        incident.EngageDepartment(ZhangpuOfficer, DepartmentKind.Justice, ZhangpuJusticeOfficeId, DefaultPlaybook(), ReportedAt.AddHours(4));
        incident.Close(ZhangpuChair, ClosureAt(ReportedAt.AddHours(5)), ReportedAt.AddHours(5));

        Assert.True(IncidentAudience.Of(incident).Includes(ZhangpuJusticeLiaison));
    }
}
