using Bunit;
using Disputes.Domain;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Roster;
using Disputes.Web.Tests.Components;

namespace Disputes.Web.Tests.Roster;

public sealed class RosterReportViewTests : MudBlazorContext, IAsyncLifetime
{
    private const string ZhangSan = "320583199001011232";
    private const string LiSi = "32058319880312105X";
    private const string Mistyped = "320583198512304017";

    private static readonly RosterRow Valid1 = Row(2, "张三", ZhangSan, "13812345678", "12,345.67");
    private static readonly RosterRow Valid2 = Row(3, "李四", LiSi, "", "3000元");
    private static readonly RosterRow Invalid = Row(4, "王五", Mistyped, "0512-57701234", "abc", "id-number.check", "money.format");

    private readonly List<IReadOnlyList<RosterRow>> _imported = [];

    [Fact]
    public void Shows_the_summary_of_what_can_be_imported()
    {
        var view = Show(new RosterReport([Valid1, Valid2, Invalid]));

        Assert.Equal("有效 2 行", view.Find("[data-testid=roster-valid]").TextContent.Trim());
        Assert.Equal("有问题 1 行", view.Find("[data-testid=roster-invalid]").TextContent.Trim());
        Assert.Equal("欠薪合计 ¥15,345.67", view.Find("[data-testid=roster-total]").TextContent.Trim());
    }

    [Fact]
    public void Import_is_disabled_while_any_row_has_a_problem()
    {
        var view = Show(new RosterReport([Valid1, Invalid]));

        Assert.True(view.Find("[data-testid=roster-import]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_clean_roster_is_imported_whole_with_no_second_button()
    {
        var view = Show(new RosterReport([Valid1, Valid2]));

        view.Find("[data-testid=roster-import]").Click();

        Assert.Equal([Valid1, Valid2], Assert.Single(_imported));
        Assert.Empty(view.FindAll("[data-testid=roster-import-valid-only]"));
        Assert.Empty(view.FindAll("[data-testid=roster-only-problems]"));
    }

    [Fact]
    public void Importing_only_the_valid_rows_needs_an_explicit_confirmation()
    {
        var view = Show(new RosterReport([Valid1, Invalid, Valid2]));
        var validOnly = () => view.Find("[data-testid=roster-import-valid-only]");

        Assert.Equal("仅导入 2 行有效数据", validOnly().TextContent.Trim());
        Assert.True(validOnly().HasAttribute("disabled"));

        view.Find("input[data-testid=roster-confirm-valid-only]").Change(true);
        validOnly().Click();

        Assert.Equal([Valid1, Valid2], Assert.Single(_imported));
    }

    [Fact]
    public void A_confirmation_does_not_carry_over_to_the_next_file()
    {
        var view = Show(new RosterReport([Valid1, Invalid]));
        view.Find("input[data-testid=roster-confirm-valid-only]").Change(true);

        view.Render(p => p.Add(v => v.Report, new RosterReport([Valid2, Invalid])));

        Assert.True(view.Find("[data-testid=roster-import-valid-only]").HasAttribute("disabled"));
    }

    [Fact]
    public void Id_numbers_and_phones_are_masked_even_when_mistyped()
    {
        var view = Show(new RosterReport([Valid1, Valid2, Invalid]));

        Assert.Equal(["320583********1232", "320583********105X", "320583********4017"],
            view.FindAll("[data-testid=roster-id-number]").Select(td => td.TextContent.Trim()));
        foreach (var number in new[] { ZhangSan, LiSi, Mistyped, "13812345678", "57701234", "19900101", "19880312" })
        {
            Assert.DoesNotContain(number, view.Markup);
        }

        Assert.Contains("138****5678", view.Markup);
        Assert.Contains("051*****1234", view.Markup);
    }

    [Fact]
    public void Problems_are_explained_in_chinese_and_can_be_shown_alone()
    {
        var view = Show(new RosterReport([Valid1, Invalid, Valid2]));

        Assert.Equal(["身份证号校验位不正确，请核对最后一位，并检查是否有数字录错", "金额无法识别，请只填写数字，如 12345.67、1.5万"],
            view.FindAll("[data-testid=roster-row-error]").Select(e => e.TextContent.Trim()));
        Assert.Equal(3, view.FindAll("[data-testid=roster-id-number]").Count);

        view.Find("input[data-testid=roster-only-problems]").Change(true);

        Assert.Equal(["320583********4017"], view.FindAll("[data-testid=roster-id-number]").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Amounts_show_as_money_or_as_typed_when_unreadable()
    {
        var view = Show(new RosterReport([Valid1, Invalid]));

        Assert.Contains("¥12,345.67", view.Markup);
        Assert.Contains(">abc<", view.Markup);
    }

    [Fact]
    public void A_missing_header_names_the_columns_to_add()
    {
        var view = Show(RosterReport.Failed("roster.header-missing", [RosterColumn.IdNumber, RosterColumn.AmountOwed]));

        Assert.StartsWith("未找到以下列：身份证号、欠薪金额。", view.Find("[data-testid=roster-file-error]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=roster-import]"));
    }

    [Theory]
    [InlineData("roster.name-missing")]
    [InlineData("id-number.required")]
    [InlineData("id-number.length")]
    [InlineData("id-number.character")]
    [InlineData("id-number.birth-date")]
    [InlineData("id-number.check")]
    [InlineData("roster.phone-format")]
    [InlineData("roster.amount-missing")]
    [InlineData("money.format")]
    [InlineData("money.negative")]
    [InlineData("money.precision")]
    [InlineData("money.too-large")]
    [InlineData("roster.duplicate")]
    public void Every_row_problem_the_parser_reports_has_a_message(string code)
    {
        var view = Show(new RosterReport([Row(2, "张三", ZhangSan, "", "1", code)]));

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", view.Find("[data-testid=roster-row-error]").TextContent);
    }

    [Theory]
    [InlineData("roster.file-type")]
    [InlineData("roster.file-empty")]
    [InlineData("roster.header-missing")]
    [InlineData("roster.too-many-rows")]
    [InlineData("roster.file-too-large")]
    public void Every_file_problem_the_parser_reports_has_a_message(string code)
    {
        var view = Show(RosterReport.Failed(code, [RosterColumn.Name]));

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", view.Find("[data-testid=roster-file-error]").TextContent);
    }

    [Fact]
    public void Too_many_rows_says_the_limit()
    {
        var view = Show(RosterReport.Failed("roster.too-many-rows"));

        Assert.Contains("一次最多导入 5,000 行", view.Find("[data-testid=roster-file-error]").TextContent);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's switch and checkbox bring a service that can only be disposed asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private IRenderedComponent<RosterReportView> Show(RosterReport report) =>
        Render<RosterReportView>(p => p
            .Add(v => v.Report, report)
            .Add(v => v.OnImport, rows => _imported.Add(rows)));

    private static RosterRow Row(int line, string name, string id, string phone, string amount, params string[] errors) =>
        new(line, name, id, phone, amount,
            ResidentIdNumber.TryParse(id, out var parsed, out _) ? parsed : null,
            Money.TryParse(amount, out var money, out _) ? money : null,
            errors);
}

public sealed class RosterReportViewInEnglishTests() : MudBlazorContext("en")
{
    [Fact]
    public void Speaks_english_when_the_user_chose_it()
    {
        var view = Render<RosterReportView>(p => p.Add(v => v.Report, RosterReport.Failed("roster.header-missing", [RosterColumn.Name, RosterColumn.AmountOwed])));

        Assert.StartsWith("These columns were not found: Name, Amount owed.", view.Find("[data-testid=roster-file-error]").TextContent.Trim());
    }
}
