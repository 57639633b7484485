using Disputes.Domain.Incidents;
using Disputes.Web.Features.Board;

namespace Disputes.Web.Tests.Board;

public sealed class BoardFilterTests
{
    [Fact]
    public void A_filter_survives_the_round_trip_through_the_link()
    {
        var filter = new BoardFilter { TownId = 3, Type = IncidentType.WageArrears, Grade = SeverityGrade.II, Stage = Stage.Resolving, OverdueOnly = true, Search = "科家" };

        var query = filter.ToQuery();
        var back = BoardFilter.FromQuery((int?)query["town"], (string?)query["type"], (string?)query["grade"], (string?)query["stage"],
            bool.TryParse((string?)query["overdue"], out var overdue) ? overdue : null, (string?)query["q"]);

        Assert.Equal(filter, back);
    }

    [Fact]
    public void The_default_board_has_a_clean_link_and_shows_open_stages()
    {
        Assert.All(new BoardFilter().ToQuery().Values, Assert.Null);
        Assert.Equal(new BoardFilter(), BoardFilter.FromQuery(null, null, null, null, null, "  "));
    }

    [Fact]
    public void Every_stage_is_one_word_in_the_link()
    {
        Assert.Equal("all", new BoardFilter { AnyStage = true }.ToQuery()["stage"]);
        Assert.True(BoardFilter.FromQuery(null, null, null, "all", null, null).AnyStage);
    }

    [Fact]
    public void A_hand_edited_link_with_nonsense_is_ignored_rather_than_failing()
    {
        var filter = BoardFilter.FromQuery(null, "Nonsense", "V", "42", null, null);

        Assert.Equal(new BoardFilter(), filter);
    }
}
