using System.Globalization;
using Bunit;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Tests.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Monitoring;

/// <summary>
/// The drill-down: every number the wall shows is a link, and the board it opens lists exactly the incidents behind
/// the number — counted by the board's own query against the definitions (<see cref="World.Board"/>), and as many as the
/// figure says where the figure counts incidents.
/// </summary>
public sealed class WallLinkTests : MudBlazorContext, IClassFixture<WallData>
{
    private readonly WallData _data;

    public WallLinkTests(WallData data)
    {
        _data = data;
        Services.AddSingleton(data.Get<IncidentNarrator>());
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("ys.officer")]
    [InlineData("labor.liaison")]
    public async Task Every_number_on_the_wall_opens_the_board_on_exactly_the_incidents_behind_it(string userName)
    {
        var actor = await _data.ActorAsync(userName);
        var figures = await _data.Queries.ReadAsync(actor, WallPeriod.ThisMonth);
        var world = await _data.WorldAsync();
        var board = _data.Get<BoardQuery>();

        var wall = Render<WallView>(p => p.Add(w => w.Figures, figures));
        var links = wall.FindAll("a[href^='/board']");

        Assert.True(links.Count >= 60, $"{links.Count} links");
        Assert.All(wall.FindAll(".wall-figure"), figure => Assert.Equal("A", figure.TagName));
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://wall"), href).Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
            // As the board page reads a link: a town user's board has no town filter (their town is all they see).
            var filter = BoardFilter.FromQuery(query) with { TownId = actor.IsTownUser ? null : BoardFilter.FromQuery(query).TownId };
            var page = await board.PageAsync(actor, filter, BoardSort.Number, false, 0, BoardQuery.MaxPageSize);

            Assert.True(page.Total <= BoardQuery.MaxPageSize);
            Assert.True(world.Board(actor, filter).SequenceEqual(page.Rows.Select(r => r.Number).Order(StringComparer.Ordinal)),
                $"{href} ({link.TextContent.Trim()}): the board shows [{string.Join(", ", page.Rows.Select(r => r.Number).Order())}], " +
                $"the definitions [{string.Join(", ", world.Board(actor, filter))}]");
            if (link.GetAttribute("data-counts") == "incidents")
            {
                Assert.Equal(int.Parse(link.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture), page.Total);
            }

            if (link.Closest("[data-testid=wall-duration]") is { } duration && link.Closest("[data-department=all]") is null)
            {
                // One arrival, report, resolution or acknowledgement per incident (and department): as many incidents as intervals
                // measured. All departments together may have acknowledged one incident twice.
                Assert.Equal(int.Parse(duration.GetAttribute("data-count")!, CultureInfo.InvariantCulture), page.Total);
            }
        }
    }
}
