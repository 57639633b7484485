namespace Disputes.Web.Features.Roster;

/// <summary>
/// Finds the columns of a roster by their header, in Chinese or English and in any order. Rosters are
/// typed by many hands, so headers are compared without spaces, punctuation, case, or a bracketed unit
/// or note ("欠薪金额（元）", "*Name", "ID No.").
/// </summary>
internal sealed class RosterHeader
{
    /// <summary>A roster without phone numbers is still worth importing; one without these is not.</summary>
    public static readonly IReadOnlyList<RosterColumn> Required = [RosterColumn.Name, RosterColumn.IdNumber, RosterColumn.AmountOwed];

    private static readonly Dictionary<string, RosterColumn> Synonyms = new[]
    {
        (RosterColumn.Name, new[] { "姓名", "名字", "职工姓名", "员工姓名", "工人姓名", "劳动者姓名", "name", "fullname", "workername", "employeename" }),
        (RosterColumn.IdNumber, ["身份证号", "身份证号码", "身份证", "公民身份号码", "身份号码", "证件号码", "身份证件号码", "id", "idnumber", "idno", "idcard", "idcardnumber", "residentidnumber"]),
        (RosterColumn.Phone, ["电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "移动电话", "phone", "phonenumber", "mobile", "mobilephone", "tel", "telephone", "contactnumber"]),
        (RosterColumn.AmountOwed, ["欠薪金额", "金额", "欠款金额", "应发工资", "欠薪", "欠薪数额", "拖欠工资", "拖欠金额", "拖欠工资金额", "欠发工资", "未发工资", "应付工资", "工资", "amountowed", "amount", "wagesowed", "owed", "arrears", "unpaidwages"]),
    }.SelectMany(c => c.Item2.Select(name => (name, column: c.Item1))).ToDictionary(s => s.name, s => s.column);

    private readonly Dictionary<RosterColumn, int> _indexes;

    private RosterHeader(Dictionary<RosterColumn, int> indexes, bool amountInWan)
    {
        _indexes = indexes;
        AmountInWan = amountInWan;
    }

    /// <summary>The amount column says "（万元）": its figures are in units of 10,000 yuan.</summary>
    public bool AmountInWan { get; }

    public IReadOnlyList<RosterColumn> Missing => [.. Required.Where(c => !_indexes.ContainsKey(c))];

    /// <summary>Reads a row as a header; the first column to match a name wins.</summary>
    public static RosterHeader Read(IReadOnlyList<string> cells)
    {
        var indexes = new Dictionary<RosterColumn, int>();
        var amountInWan = false;
        for (var i = 0; i < cells.Count; i++)
        {
            if (Synonyms.TryGetValue(Normalise(cells[i]), out var column) && indexes.TryAdd(column, i) && column == RosterColumn.AmountOwed)
            {
                amountInWan = cells[i].Contains('万');
            }
        }

        return new RosterHeader(indexes, amountInWan);
    }

    public int? IndexOf(RosterColumn column) => _indexes.TryGetValue(column, out var index) ? index : null;

    private static string Normalise(string text)
    {
        var note = text.IndexOfAny(['(', '（', '[', '【']);
        var name = note > 0 ? text[..note] : text;
        return string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }
}
