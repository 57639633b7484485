using Disputes.Domain.Organisations;

namespace Disputes.Data.Seeding;

/// <summary>
/// The reference city (DESIGN.md): Kunshan's federation of trade unions, the eleven district/town unions the
/// seed bulletin names or counts, and the departments the emergency plan engages. Present in every environment.
/// </summary>
public static class KunshanReferenceData
{
    public const string FederationCode = "KS";

    public static readonly (string Code, string Name, string NameEn) Federation =
        (FederationCode, "昆山市总工会", "Kunshan Federation of Trade Unions");

    /// <summary>Town code, the place name as used in branch names, and the union's name. The code starts the town's incident numbers.</summary>
    public static readonly IReadOnlyList<(string Code, string Place, string PlaceEn, string UnionName)> Towns =
    [
        ("KF", "开发区", "Development Zone", "昆山开发区总工会"),
        ("HQ", "花桥", "Huaqiao", "花桥经济开发区总工会"),
        ("YS", "玉山", "Yushan", "玉山镇总工会"),
        ("BC", "巴城", "Bacheng", "巴城镇工会"),
        ("ZS", "周市", "Zhoushi", "周市镇工会"),
        ("LJ", "陆家", "Lujia", "陆家镇工会"),
        ("ZP", "张浦", "Zhangpu", "张浦镇总工会"),
        ("QD", "千灯", "Qiandeng", "千灯镇工会"),
        ("DSH", "淀山湖", "Dianshanhu", "淀山湖镇工会"),
        ("JX", "锦溪", "Jinxi", "锦溪镇工会"),
        ("ZZ", "周庄", "Zhouzhuang", "周庄镇工会"),
    ];

    /// <summary>
    /// City departments, and — where a town really has its own office — the branch's name pattern
    /// ({0} is the place). Petition and safety cases are handled by the city bodies directly.
    /// </summary>
    public static readonly IReadOnlyList<(string Code, DepartmentKind Kind, string Name, string NameEn, string? BranchName, string? BranchNameEn)> Departments =
    [
        ("LABOR", DepartmentKind.LaborInspection, "昆山市劳动保障监察大队", "Kunshan Labour Inspection Brigade", "{0}劳动保障所", "{0} Labour Security Office"),
        ("PETITION", DepartmentKind.Petition, "昆山市信访局", "Kunshan Petition Bureau", null, null),
        ("SAFETY", DepartmentKind.Safety, "昆山市应急管理局（安监）", "Kunshan Emergency Management (Safety) Bureau", null, null),
        ("POLLEGAL", DepartmentKind.PoliticalLegal, "中共昆山市委政法委员会", "Kunshan Political-Legal Committee", "{0}政法办", "{0} Political-Legal Office"),
        ("JUSTICE", DepartmentKind.Justice, "昆山市司法局（法律援助中心）", "Kunshan Justice Bureau (Legal Aid Centre)", "{0}司法所", "{0} Justice Office"),
        ("POLICE", DepartmentKind.Police, "昆山市公安局", "Kunshan Public Security Bureau", "{0}派出所", "{0} Police Station"),
    ];

    /// <summary>
    /// The bodies the federation reports to: the 报 line of its work bulletin names them (the seed bulletin reports to the
    /// provincial and Suzhou unions and to the city's Party committee). They receive bulletins; nobody signs in from one.
    /// </summary>
    public static readonly IReadOnlyList<(string Code, string Name, string NameEn)> Superiors =
    [
        ("SUP-JSFTU", "江苏省总工会", "Jiangsu Federation of Trade Unions"),
        ("SUP-SZFTU", "苏州市总工会", "Suzhou Federation of Trade Unions"),
        ("SUP-KSCPC", "中共昆山市委", "CPC Kunshan Municipal Committee"),
        ("SUP-KSGOV", "昆山市人民政府", "Kunshan Municipal People's Government"),
    ];

    public static string TownUnionNameEn(string placeEn) => $"{placeEn} Trade Union";

    public static string BranchCode(string townCode, string departmentCode) => $"{townCode}-{departmentCode}";
}
