using Bunit;
using Disputes.Domain.Incidents;
using Disputes.Web.Components;
using Disputes.Web.Features.Board;
using Disputes.Web.Tests.Components;

namespace Disputes.Web.Tests.Board;

public sealed class BoardComponentTests : MudBlazorContext
{
    [Theory]
    [InlineData(SeverityGrade.I, "Ⅰ级", "#c62828")]
    [InlineData(SeverityGrade.II, "Ⅱ级", "#ef6c00")]
    [InlineData(SeverityGrade.III, "Ⅲ级", "#ffb300")]
    [InlineData(SeverityGrade.IV, "Ⅳ级", "#1565c0")]
    public void A_grade_chip_has_the_plans_colour_and_the_full_name_on_hover(SeverityGrade grade, string text, string colour)
    {
        var chip = Render<GradeChip>(p => p.Add(c => c.Grade, grade)).Find("[data-grade]");

        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Contains(colour, chip.GetAttribute("style"));
        Assert.StartsWith(text, chip.GetAttribute("title"));
    }

    [Fact]
    public void The_town_filter_is_offered_only_when_there_are_towns_to_choose()
    {
        var withTowns = Render<BoardFilters>(p => p.Add(c => c.Filter, new BoardFilter()).Add(c => c.Towns, [new TownOption(2, "张浦镇总工会", "Zhangpu")]));
        var forTownUser = Render<BoardFilters>(p => p.Add(c => c.Filter, new BoardFilter()).Add(c => c.Towns, null));

        Assert.NotEmpty(withTowns.FindAll("[data-testid=board-town]"));
        Assert.Empty(forTownUser.FindAll("[data-testid=board-town]"));
    }

    [Fact]
    public void Overdue_steps_show_as_a_badge_with_their_count_and_nothing_when_there_are_none()
    {
        var two = Render<OverdueBadge>(p => p.Add(c => c.Count, 2));
        var none = Render<OverdueBadge>(p => p.Add(c => c.Count, 0));

        Assert.Equal("超时 2", two.Find("[data-testid=overdue]").TextContent.Trim());
        Assert.Empty(none.Markup.Trim());
    }
}
