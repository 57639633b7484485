using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;

namespace Disputes.Domain.Tests.Incidents;

/// <summary>
/// A small city: the federation, Yushan (town 3) and Zhangpu (town 7), city departments and a few town
/// branches, a user for every role, and a factory for incidents logged in Zhangpu.
/// </summary>
public static class IncidentTestData
{
    public const int FederationId = 1;
    public const int YushanId = 3;
    public const int ZhangpuId = 7;
    public const int CityLaborInspectionId = 20;
    public const int CityJusticeId = 21;
    public const int CityPoliceId = 22;
    public const int ZhangpuJusticeOfficeId = 71;
    public const int ZhangpuLaborOfficeId = 72;
    public const int YushanJusticeOfficeId = 31;

    /// <summary>10:00 in China on 10 March 2026.</summary>
    public static readonly DateTime ReportedAt = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    public static readonly Actor ZhangpuOfficer = Town("zp-officer", "张浦干部", Roles.TownOfficer, ZhangpuId);
    public static readonly Actor ZhangpuChair = Town("zp-chair", "张浦主席", Roles.TownChair, ZhangpuId);
    public static readonly Actor YushanOfficer = Town("ys-officer", "玉山干部", Roles.TownOfficer, YushanId);
    public static readonly Actor YushanChair = Town("ys-chair", "玉山主席", Roles.TownChair, YushanId);

    /// <summary>At the city labour-inspection department: answers for every town.</summary>
    public static readonly Actor LaborLiaison = new("labor-liaison", "劳动监察联络员", Set(Roles.DepartmentLiaison),
        CityLaborInspectionId, OrganisationKind.Department, null, DepartmentKind.LaborInspection);

    /// <summary>At the city police department.</summary>
    public static readonly Actor PoliceLiaison = new("police-liaison", "公安联络员", Set(Roles.DepartmentLiaison),
        CityPoliceId, OrganisationKind.Department, null, DepartmentKind.Police);

    /// <summary>At Zhangpu's justice office (司法所), a branch of the city justice bureau.</summary>
    public static readonly Actor ZhangpuJusticeLiaison = new("zp-justice", "张浦司法所联络员", Set(Roles.DepartmentLiaison),
        ZhangpuJusticeOfficeId, OrganisationKind.DepartmentBranch, ZhangpuId, DepartmentKind.Justice);

    /// <summary>At Zhangpu's labour-inspection branch.</summary>
    public static readonly Actor ZhangpuLaborLiaison = new("zp-labor", "张浦劳动监察中队联络员", Set(Roles.DepartmentLiaison),
        ZhangpuLaborOfficeId, OrganisationKind.DepartmentBranch, ZhangpuId, DepartmentKind.LaborInspection);

    /// <summary>At Yushan's justice office: the same department as Zhangpu's, another town.</summary>
    public static readonly Actor YushanJusticeLiaison = new("ys-justice", "玉山司法所联络员", Set(Roles.DepartmentLiaison),
        YushanJusticeOfficeId, OrganisationKind.DepartmentBranch, YushanId, DepartmentKind.Justice);

    public static readonly Actor DutyOfficer = Federation("duty", "值班员", Roles.FederationDutyOfficer);
    public static readonly Actor CityLeader = Federation("leader", "市领导", Roles.CityLeader);
    public static readonly Actor Administrator = Federation("admin", "管理员", Roles.Administrator);

    /// <summary>The users by a short key, so theories can name them in serialisable data.</summary>
    public static readonly IReadOnlyDictionary<string, Actor> Actors = new Dictionary<string, Actor>
    {
        ["zhangpu-officer"] = ZhangpuOfficer,
        ["zhangpu-chair"] = ZhangpuChair,
        ["yushan-officer"] = YushanOfficer,
        ["yushan-chair"] = YushanChair,
        ["labor-liaison"] = LaborLiaison,
        ["zhangpu-justice-liaison"] = ZhangpuJusticeLiaison,
        ["duty-officer"] = DutyOfficer,
        ["city-leader"] = CityLeader,
        ["administrator"] = Administrator,
    };

    public static Playbook DefaultPlaybook() => Playbook.Default(ReportedAt.AddDays(-30));

    /// <summary>A sound wage-arrears report from a domestic factory: 40 workers, so grade III.</summary>
    public static IncidentReport Report(
        IncidentType type = IncidentType.WageArrears,
        int workers = 40,
        decimal wagesYuan = 200_000m,
        AggravatingFacts facts = AggravatingFacts.None,
        Ownership ownership = Ownership.Domestic,
        GradeOverride? gradeOverride = null) =>
        new(EnterpriseId: 11, ownership, type, workers, Money.FromYuan(wagesYuan), MonthsInArrears: 3,
            Location: "张浦镇科家塑胶厂区门口", facts, Description: "工人聚集在厂门口，老板联系不上。", gradeOverride);

    /// <summary>Logged in Zhangpu by its town officer at <see cref="ReportedAt"/>, unless told otherwise.</summary>
    public static Incident Logged(IncidentReport? report = null, Playbook? playbook = null, DateTime? at = null, Actor? by = null, int townId = ZhangpuId) =>
        Incident.Log(new IncidentNumber(townId == ZhangpuId ? "ZP" : "YS", 2026, 7), townId, report ?? Report(),
            by ?? (townId == ZhangpuId ? ZhangpuOfficer : YushanOfficer), playbook ?? DefaultPlaybook(), at ?? ReportedAt);

    /// <summary>A sound closure whose follow-up visit is a month after <paramref name="nowUtc"/> in China.</summary>
    public static Closure ClosureAt(DateTime nowUtc) =>
        new("工资已全额支付", "移送公安", "早发现早处置", DateOnly.FromDateTime(ChinaTime.FromUtc(nowUtc)).AddDays(30), Money.Zero);

    /// <summary>An incident brought to <paramref name="stage"/> the way a user would, one hour a move.</summary>
    public static Incident InStage(Stage stage, Playbook? playbook = null)
    {
        playbook ??= DefaultPlaybook();
        var incident = Logged(playbook: playbook);
        var at = ReportedAt;
        if (stage == Stage.Reported)
        {
            return incident;
        }

        if (stage == Stage.Cancelled)
        {
            incident.Cancel(ZhangpuChair, "重复登记", at = at.AddHours(1));
            return incident;
        }

        incident.Move(ZhangpuOfficer, IncidentAction.Respond, at = at.AddHours(1));
        if (stage == Stage.Responding)
        {
            return incident;
        }

        incident.Move(ZhangpuOfficer, IncidentAction.BeginResolving, at = at.AddHours(1));
        if (stage == Stage.Resolving)
        {
            return incident;
        }

        incident.Move(ZhangpuChair, IncidentAction.Resolve, at = at.AddHours(1));
        if (stage == Stage.Resolved)
        {
            return incident;
        }

        at = at.AddHours(1);
        incident.Close(ZhangpuChair, ClosureAt(at), at);
        return incident;
    }

    /// <summary>What a refused or repeated change must leave untouched.</summary>
    public sealed record Snapshot(Stage Stage, int TimelineCount, Guid Token, int StepCount, int OpenStepCount, int EngagementCount)
    {
        public static Snapshot Of(Incident incident) => new(incident.Stage, incident.Timeline.Count, incident.ConcurrencyToken,
            incident.Steps.Count, incident.Steps.Count(s => s.IsOpen), incident.Engagements.Count);
    }

    private static Actor Town(string id, string name, string role, int townId) =>
        new(id, name, Set(role), townId, OrganisationKind.TownUnion, townId, null);

    private static Actor Federation(string id, string name, string role) =>
        new(id, name, Set(role), FederationId, OrganisationKind.CityFederation, null, null);

    private static HashSet<string> Set(string role) => [role];
}
