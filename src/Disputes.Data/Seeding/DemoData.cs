using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;

namespace Disputes.Data.Seeding;

/// <summary>
/// Development-only data: one demo account for every role, and the enterprises of the seed bulletin.
/// The credit codes are synthetic (Kunshan's division code 320583 with valid check characters), not the
/// real companies' codes.
/// </summary>
public static class DemoData
{
    /// <summary>Every demo account's password. Listed in the README; never seeded outside Development.</summary>
    public const string Password = "kunshan-demo-2026";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role, string OrganisationCode)> Users =
    [
        ("zp.officer", "王海涛", Roles.TownOfficer, "ZP"),
        ("zp.chair", "陈卫东", Roles.TownChair, "ZP"),
        ("ys.officer", "周敏", Roles.TownOfficer, "YS"),
        ("labor.liaison", "李娜", Roles.DepartmentLiaison, "LABOR"),
        ("zp.justice", "刘洋", Roles.DepartmentLiaison, KunshanReferenceData.BranchCode("ZP", "JUSTICE")),
        ("duty", "赵强", Roles.FederationDutyOfficer, KunshanReferenceData.FederationCode),
        ("leader", "孙立群", Roles.CityLeader, KunshanReferenceData.FederationCode),
        ("admin", "系统管理员", Roles.Administrator, KunshanReferenceData.FederationCode),
        ("security", "安全管理员", Roles.SecurityAdministrator, KunshanReferenceData.FederationCode),
        ("auditor", "审计管理员", Roles.AuditAdministrator, KunshanReferenceData.FederationCode),
    ];

    /// <summary>
    /// The seed bulletin's Zhangpu story, so a new user lands on a city with cases in it: 科家塑胶's owner absconded,
    /// 斌沛电子 collapsed, 南吉山's owner fled. Logged by Zhangpu's officer; hours ago, so some steps are already overdue.
    /// </summary>
    public static readonly IReadOnlyList<(string Enterprise, IncidentType Type, int Workers, decimal WagesYuan, int Months, AggravatingFacts Facts, string Description, int HoursAgo)> Incidents =
    [
        ("昆山科家塑胶有限公司", IncidentType.AbscondingOwner, 86, 1_150_000m, 3, AggravatingFacts.None, "老板逃逸，86名职工被拖欠三个月工资，职工聚集在厂门口。", 5),
        ("昆山斌沛电子有限公司", IncidentType.Closure, 230, 3_600_000m, 2, AggravatingFacts.RoadBlocking, "企业经营不善停产倒闭，部分职工在厂外道路聚集。", 30),
        ("昆山南吉山塑料包装厂", IncidentType.AbscondingOwner, 38, 420_000m, 2, AggravatingFacts.None, "业主逃离，厂房已关闭，职工要求支付工资。", 1),
    ];

    public static readonly IReadOnlyList<(string Name, string CreditCode, string TownCode, string Address, string Industry, Ownership Ownership, int Headcount, string LegalRepresentative, string Contact)> Enterprises =
    [
        ("昆山科家塑胶有限公司", "9132058352CL12THX1", "ZP", "张浦镇新吴街88号", "塑料制品", Ownership.Domestic, 120, "郑某某", "郑某某 13812345678"),
        ("昆山斌沛电子有限公司", "9132058315J1XG6113", "ZP", "张浦镇振新东路219号", "电子元件", Ownership.HongKongMacaoTaiwan, 260, "林某某", "人事 0512-57451234"),
        ("昆山南吉山塑料包装厂", "9132058316D272HD3A", "ZP", "张浦镇南港工业区12号", "塑料包装", Ownership.Domestic, 45, "钱某某", "钱某某 13962612345"),
        ("富士康（昆山）电脑接插件有限公司", "91320583093Y7LLJ4T", "YS", "玉山镇北门路1688号", "电子制造", Ownership.HongKongMacaoTaiwan, 30000, "郭某某", "工会办公室 0512-57389000"),
        ("昆山华富电子有限公司", "9132058309JC171H9F", "YS", "玉山镇城北高新区", "电子元件", Ownership.HongKongMacaoTaiwan, 1800, "黄某某", "行政部 0512-57771234"),
        ("昆山鼎鑫电子有限公司", "91320583MAD4H3J9XH", "YS", "玉山镇城北民营区", "印制电路板", Ownership.HongKongMacaoTaiwan, 2400, "张某某", "人事部 0512-57772345"),
        ("昆山华胤钢结构工程有限公司", "91320583823JJL6B83", "YS", "玉山镇高新区", "钢结构", Ownership.Domestic, 650, "王某某", "办公室 0512-57773456"),
        ("昆山乙盛机械工业有限公司", "9132058318N2J1K638", "YS", "玉山镇高新区", "机械制造", Ownership.HongKongMacaoTaiwan, 900, "蔡某某", "总务 0512-57774567"),
    ];
}
