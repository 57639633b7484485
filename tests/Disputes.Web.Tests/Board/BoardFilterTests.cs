using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Board;

namespace Disputes.Web.Tests.Board;

public sealed class BoardFilterTests
{
    [Fact]
    public void A_filter_survives_the_round_trip_through_the_link()
    {
        var filter = new BoardFilter { TownId = 3, Type = IncidentType.WageArrears, Grade = SeverityGrade.II, Stage = Stage.Resolving, OverdueOnly = true, Search = "科家" };

        Assert.Equal(filter, RoundTrip(filter));
    }

    [Fact]
    public void The_filters_of_the_monitoring_wall_survive_the_round_trip_too()
    {
        var filter = new BoardFilter
        {
            Department = DepartmentKind.Justice, On = BoardEvent.Escalated, Level = 2, Unread = true, AnyStage = true,
            FromUtc = new DateTime(2026, 10, 19, 1, 30, 0, DateTimeKind.Utc), ToUtc = new DateTime(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc),
            OverdueOnly = true, OverdueKind = PlanStepKind.ArriveOnScene, RecoveredFrom = RecoverySource.WageGuaranteeFund,
        };

        Assert.Equal(filter, RoundTrip(filter));
        Assert.Equal(filter with { On = BoardEvent.Done, Step = PlanStepKind.DepartmentAcknowledges }, RoundTrip(filter with { On = BoardEvent.Done, Step = PlanStepKind.DepartmentAcknowledges }));
    }

    [Fact]
    public void A_period_is_written_in_china_time_a_whole_day_as_its_date()
    {
        var filter = new BoardFilter { FromUtc = new DateTime(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2026, 10, 20, 1, 30, 0, DateTimeKind.Utc) };

        Assert.Equal("/board?from=2026-10-01&to=2026-10-20T09%3A30", filter.Href());
    }

    [Fact]
    public void The_default_board_has_a_clean_link_and_shows_open_stages()
    {
        Assert.All(new BoardFilter().ToQuery().Values, Assert.Null);
        Assert.Equal("/board", new BoardFilter().Href());
        Assert.Equal(new BoardFilter(), BoardFilter.FromQuery(new Dictionary<string, string?> { ["q"] = "  " }));
    }

    [Fact]
    public void Every_stage_is_one_word_in_the_link()
    {
        Assert.Equal("all", new BoardFilter { AnyStage = true }.ToQuery()["stage"]);
        Assert.True(BoardFilter.FromQuery(new Dictionary<string, string?> { ["stage"] = "all" }).AnyStage);
    }

    [Fact]
    public void A_hand_edited_link_with_nonsense_is_ignored_rather_than_failing()
    {
        var filter = BoardFilter.FromQuery(new Dictionary<string, string?>
        {
            ["type"] = "Nonsense", ["grade"] = "V", ["stage"] = "42", ["dept"] = "1", ["from"] = "yesterday", ["on"] = "Soon", ["level"] = "7", ["overdue"] = "maybe",
        });

        Assert.Equal(new BoardFilter(), filter);
    }

    private static BoardFilter RoundTrip(BoardFilter filter) =>
        BoardFilter.FromQuery(filter.ToQuery().ToDictionary(p => p.Key, p => (string?)p.Value));
}
