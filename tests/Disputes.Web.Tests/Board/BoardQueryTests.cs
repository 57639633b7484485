using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Board;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Board;

/// <summary>The case board's query on the real app and database: what each user sees, and every filter, sort and page.</summary>
public sealed class BoardQueryTests(BoardData data) : IClassFixture<BoardData>
{
    private readonly BoardQuery _query = data.Get<BoardQuery>();

    [Fact]
    public async Task The_duty_officer_sees_every_open_incident_of_the_city_newest_first()
    {
        var page = await PageAsync("duty", new BoardFilter());

        Assert.Equal(4, page.Total);
        Assert.Equal([data.Foxconn, data.Nanjishan, data.Binpei, data.Kejia], page.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task A_row_carries_what_the_board_shows()
    {
        var row = (await PageAsync("duty", new BoardFilter { Search = data.Kejia })).Rows.Single();

        Assert.Equal("昆山科家塑胶有限公司", row.Enterprise);
        Assert.Equal("张浦镇总工会", row.Town);
        Assert.Equal(IncidentType.AbscondingOwner, row.Type);
        Assert.Equal(SeverityGrade.II, row.Grade);
        Assert.Equal(Stage.Reported, row.Stage);
        Assert.Equal(120, row.Workers);
        Assert.Equal("¥2,400,000.00", row.WagesOwed.ToString());
    }

    [Fact]
    public async Task A_yushan_officer_never_sees_a_zhangpu_incident()
    {
        var open = await PageAsync("ys.officer", new BoardFilter());
        var searched = await PageAsync("ys.officer", new BoardFilter { Search = "ZP-", AnyStage = true });
        var zhangpuTown = await data.App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "ZP").Select(o => o.Id).SingleAsync());
        var byTown = await PageAsync("ys.officer", new BoardFilter { TownId = zhangpuTown, AnyStage = true });

        Assert.Equal([data.Foxconn], open.Rows.Select(r => r.Number));
        Assert.Equal(0, searched.Total);
        Assert.Equal(0, byTown.Total);
    }

    [Fact]
    public async Task A_zhangpu_officer_sees_the_towns_three_incidents()
    {
        var page = await PageAsync("zp.officer", new BoardFilter { AnyStage = true });

        Assert.Equal(new[] { data.Kejia, data.Binpei, data.Nanjishan }.Order(), page.Rows.Select(r => r.Number).Order());
    }

    [Fact]
    public async Task A_liaison_sees_only_the_incidents_their_department_is_engaged_on()
    {
        var labour = await PageAsync("labor.liaison", new BoardFilter { AnyStage = true });
        var justiceOffice = await PageAsync("zp.justice", new BoardFilter { AnyStage = true });

        Assert.Equal([data.Kejia], labour.Rows.Select(r => r.Number));
        Assert.Equal([data.Binpei], justiceOffice.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task Closed_and_cancelled_incidents_show_only_when_asked_for()
    {
        var open = await PageAsync("duty", new BoardFilter());
        var all = await PageAsync("duty", new BoardFilter { AnyStage = true });
        var cancelled = await PageAsync("duty", new BoardFilter { Stage = Stage.Cancelled });

        Assert.DoesNotContain(data.Huafu, open.Rows.Select(r => r.Number));
        Assert.Equal(5, all.Total);
        Assert.Equal([data.Huafu], cancelled.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task Each_filter_narrows_the_board()
    {
        var yushan = await data.App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "YS").Select(o => o.Id).SingleAsync());

        Assert.Equal([data.Foxconn], Numbers(await PageAsync("duty", new BoardFilter { TownId = yushan })));
        Assert.Equal([data.Binpei], Numbers(await PageAsync("duty", new BoardFilter { Type = IncidentType.Closure })));
        Assert.Equal([data.Binpei, data.Kejia], Numbers(await PageAsync("duty", new BoardFilter { Grade = SeverityGrade.II })));
        Assert.Equal([data.Nanjishan], Numbers(await PageAsync("duty", new BoardFilter { Stage = Stage.Responding })));
        Assert.Empty(Numbers(await PageAsync("duty", new BoardFilter { TownId = yushan, Type = IncidentType.Closure })));
    }

    [Fact]
    public async Task Search_finds_an_incident_by_number_in_any_case_or_by_part_of_the_enterprise_name()
    {
        Assert.Equal([data.Kejia], Numbers(await PageAsync("duty", new BoardFilter { Search = data.Kejia.ToLowerInvariant() })));
        Assert.Equal([data.Binpei], Numbers(await PageAsync("duty", new BoardFilter { Search = "斌沛" })));
        Assert.Equal([data.Foxconn], Numbers(await PageAsync("duty", new BoardFilter { Search = "富士康" })));
    }

    [Theory]
    [InlineData(BoardSort.Workers, false, new[] { 45, 120, 260, 400 })]
    [InlineData(BoardSort.Workers, true, new[] { 400, 260, 120, 45 })]
    public async Task The_board_sorts_on_the_server(BoardSort sort, bool descending, int[] workers)
    {
        var page = await _query.PageAsync(await data.ActorAsync("duty"), new BoardFilter(), sort, descending, 0, 10);

        Assert.Equal(workers, page.Rows.Select(r => r.Workers));
    }

    [Fact]
    public async Task Grades_sort_by_severity_and_stages_by_the_workflow_not_the_alphabet()
    {
        var duty = await data.ActorAsync("duty");

        var byGrade = await _query.PageAsync(duty, new BoardFilter(), BoardSort.Grade, false, 0, 10);
        var byStage = await _query.PageAsync(duty, new BoardFilter { AnyStage = true }, BoardSort.Stage, true, 0, 10);
        var byWages = await _query.PageAsync(duty, new BoardFilter(), BoardSort.WagesOwed, true, 0, 10);
        var byNumber = await _query.PageAsync(duty, new BoardFilter(), BoardSort.Number, false, 0, 10);

        Assert.Equal([SeverityGrade.I, SeverityGrade.II, SeverityGrade.II, SeverityGrade.III], byGrade.Rows.Select(r => r.Grade));
        Assert.Equal([Stage.Cancelled, Stage.Responding, Stage.Reported, Stage.Reported, Stage.Reported], byStage.Rows.Select(r => r.Stage));
        Assert.Equal([data.Binpei, data.Kejia, data.Nanjishan, data.Foxconn], byWages.Rows.Select(r => r.Number));
        Assert.Equal(byNumber.Rows.Select(r => r.Number).Order(StringComparer.Ordinal), byNumber.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task The_board_pages_on_the_server_and_counts_every_match()
    {
        var duty = await data.ActorAsync("duty");

        var first = await _query.PageAsync(duty, new BoardFilter(), BoardSort.Workers, false, 0, 3);
        var second = await _query.PageAsync(duty, new BoardFilter(), BoardSort.Workers, false, 1, 3);

        Assert.Equal(4, first.Total);
        Assert.Equal([45, 120, 260], first.Rows.Select(r => r.Workers));
        Assert.Equal([400], second.Rows.Select(r => r.Workers));
    }

    [Fact]
    public async Task The_board_view_puts_each_open_stage_in_its_column_and_counts_what_it_leaves_out()
    {
        var columns = await _query.ColumnsAsync(await data.ActorAsync("duty"), new BoardFilter(), perColumn: 2);

        Assert.Equal([Stage.Reported, Stage.Responding, Stage.Resolving, Stage.Resolved], columns.Select(c => c.Stage));
        var reported = columns[0];
        Assert.Equal(3, reported.Total);
        Assert.Equal(1, reported.More);
        Assert.Equal(data.Foxconn, reported.Cards[0].Number);
        Assert.Equal([data.Nanjishan], columns[1].Cards.Select(c => c.Number));
        Assert.Equal(0, columns[2].Total);
    }

    [Fact]
    public async Task Overdue_only_shows_incidents_with_a_step_past_due_by_the_clock()
    {
        var before = await PageAsync("duty", new BoardFilter { OverdueOnly = true });

        // Grades I–II must be on scene and reported upward within 30 minutes; III–IV within an hour.
        data.App.Clock.Advance(TimeSpan.FromMinutes(45));
        var after = await PageAsync("duty", new BoardFilter { OverdueOnly = true });
        var now = data.App.Clock.GetUtcNow().UtcDateTime;
        var expected = await data.App.WithDbAsync(db => db.Incidents.Include(i => i.Steps).ToListAsync());

        Assert.Equal(0, before.Total);
        Assert.Equal([data.Foxconn, data.Binpei, data.Kejia], Numbers(after));
        Assert.Equal(2, after.Rows.Single(r => r.Number == data.Foxconn).OverdueSteps);
        foreach (var row in after.Rows)
        {
            Assert.Equal(expected.Single(i => i.Number == row.Number).Steps.Count(s => s.IsOverdue(now)), row.OverdueSteps);
        }
    }

    private async Task<BoardPage> PageAsync(string userName, BoardFilter filter) =>
        await _query.PageAsync(await data.ActorAsync(userName), filter, BoardSort.Reported, true, 0, 50);

    private static IEnumerable<string> Numbers(BoardPage page) => page.Rows.Select(r => r.Number);
}
