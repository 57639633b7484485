using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class AcknowledgementTests
{
    private static readonly DateTime EngagedAt = ReportedAt.AddMinutes(20);
    private static readonly DateTime AcknowledgedAt = ReportedAt.AddMinutes(35);

    public static TheoryData<string> WhoMayNotAcknowledgeTheJusticeOffice() =>
        ["zhangpu-officer", "zhangpu-chair", "yushan-officer", "labor-liaison", "duty-officer", "city-leader", "administrator"];

    [Fact]
    public void The_engaged_branch_office_acknowledges_and_completes_the_acknowledgement_step()
    {
        var (incident, engagement) = Engaged(DepartmentKind.Justice, ZhangpuJusticeOfficeId);

        incident.Acknowledge(ZhangpuJusticeLiaison, engagement.Id, AcknowledgedAt);

        Assert.True(engagement.IsAcknowledged);
        Assert.Equal(AcknowledgedAt, engagement.AcknowledgedAtUtc);
        Assert.Equal(ZhangpuJusticeLiaison.Name, engagement.AcknowledgedBy);
        var step = incident.Steps.Single(s => s.Kind == PlanStepKind.DepartmentAcknowledges);
        Assert.Equal(AcknowledgedAt, step.CompletedAtUtc);
        Assert.Equal(ZhangpuJusticeLiaison.Name, step.CompletedBy);
        var entry = incident.Timeline[^1];
        Assert.Equal(TimelineKind.EngagementAcknowledged, entry.Kind);
        Assert.Equal(new IncidentEvent.EngagementAcknowledged(DepartmentKind.Justice), entry.Event);
    }

    [Fact]
    public void The_city_department_acknowledges_for_its_branch()
    {
        var (incident, engagement) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);

        incident.Acknowledge(LaborLiaison, engagement.Id, AcknowledgedAt);

        Assert.True(engagement.IsAcknowledged);
        Assert.False(incident.Steps.Single(s => s.Kind == PlanStepKind.DepartmentAcknowledges).IsOpen);
    }

    [Fact]
    public void The_branch_office_acknowledges_its_own_engagement()
    {
        var (incident, engagement) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);

        incident.Acknowledge(ZhangpuLaborLiaison, engagement.Id, AcknowledgedAt);

        Assert.Equal(ZhangpuLaborLiaison.Name, engagement.AcknowledgedBy);
    }

    [Theory]
    [MemberData(nameof(WhoMayNotAcknowledgeTheJusticeOffice))]
    public void Only_a_liaison_of_the_engaged_department_may_acknowledge(string who)
    {
        var (incident, engagement) = Engaged(DepartmentKind.Justice, ZhangpuJusticeOfficeId);
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.Acknowledge(Actors[who], engagement.Id, AcknowledgedAt));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.False(engagement.IsAcknowledged);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void A_branch_of_the_same_department_in_another_town_may_not_acknowledge()
    {
        var (incident, engagement) = Engaged(DepartmentKind.Justice, ZhangpuJusticeOfficeId);

        var error = Assert.Throws<DomainException>(() => incident.Acknowledge(YushanJusticeLiaison, engagement.Id, AcknowledgedAt));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.False(engagement.IsAcknowledged);
    }

    [Fact]
    public void A_branch_may_not_acknowledge_an_engagement_of_the_city_department()
    {
        var (incident, engagement) = Engaged(DepartmentKind.Justice, CityJusticeId);

        var error = Assert.Throws<DomainException>(() => incident.Acknowledge(ZhangpuJusticeLiaison, engagement.Id, AcknowledgedAt));

        Assert.Equal("incident.not-allowed", error.Code);
    }

    [Fact]
    public void A_second_acknowledgement_is_a_no_op()
    {
        var (incident, engagement) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);
        incident.Acknowledge(ZhangpuLaborLiaison, engagement.Id, AcknowledgedAt);
        var before = Snapshot.Of(incident);

        incident.Acknowledge(LaborLiaison, engagement.Id, AcknowledgedAt.AddMinutes(5));

        Assert.Equal(before, Snapshot.Of(incident));
        Assert.Equal(AcknowledgedAt, engagement.AcknowledgedAtUtc);
        Assert.Equal(ZhangpuLaborLiaison.Name, engagement.AcknowledgedBy);
        Assert.Single(incident.Timeline, e => e.Kind == TimelineKind.EngagementAcknowledged);
    }

    [Fact]
    public void An_unknown_engagement_is_refused()
    {
        var (incident, _) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);

        var error = Assert.Throws<DomainException>(() => incident.Acknowledge(LaborLiaison, Guid.NewGuid(), AcknowledgedAt));

        Assert.Equal("incident.engagement-missing", error.Code);
    }

    [Fact]
    public void A_cancelled_incident_can_no_longer_be_acknowledged()
    {
        var (incident, engagement) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);
        incident.Cancel(ZhangpuChair, "重复登记", EngagedAt.AddMinutes(5));

        var error = Assert.Throws<DomainException>(() => incident.Acknowledge(LaborLiaison, engagement.Id, AcknowledgedAt));

        Assert.Equal("incident.not-allowed", error.Code);
        Assert.False(engagement.IsAcknowledged);
    }

    [Fact]
    public void The_engaged_department_reports_its_tasks_done_once()
    {
        var (incident, engagement) = Engaged(DepartmentKind.LaborInspection, ZhangpuLaborOfficeId);
        var task = engagement.Tasks[0];

        incident.CompleteTask(LaborLiaison, engagement.Id, task.Id, AcknowledgedAt);
        var before = Snapshot.Of(incident);
        incident.CompleteTask(ZhangpuLaborLiaison, engagement.Id, task.Id, AcknowledgedAt.AddHours(1));

        Assert.Equal(AcknowledgedAt, task.DoneAtUtc);
        Assert.Equal(LaborLiaison.Name, task.DoneBy);
        Assert.Equal(before, Snapshot.Of(incident));
        Assert.Throws<DomainException>(() => incident.CompleteTask(PoliceLiaison, engagement.Id, engagement.Tasks[1].Id, AcknowledgedAt));
    }

    private static (Incident Incident, Engagement Engagement) Engaged(DepartmentKind department, int office)
    {
        var incident = Logged(Report(IncidentType.AbscondingOwner));
        var engagement = incident.EngageDepartment(ZhangpuOfficer, department, office, DefaultPlaybook(), EngagedAt);
        return (incident, engagement);
    }
}
