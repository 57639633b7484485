using System.Net;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Tests.Board;

/// <summary>The pages as a signed-in browser first receives them (server prerendering), with the board's data.</summary>
public sealed class BoardPageTests(BoardData data) : IClassFixture<BoardData>
{
    [Fact]
    public async Task The_board_view_shows_a_town_officer_their_towns_cards_only_and_no_town_filter()
    {
        var client = await SignIn.AsAsync(data.App, "zp.officer");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/board?view=board"));

        Assert.Contains("<h1", html);
        Assert.Contains("案件看板", html);
        Assert.Contains($"data-number=\"{data.Kejia}\"", html);
        Assert.Contains($"href=\"/incidents/{data.Kejia}\"", html);
        Assert.DoesNotContain(data.Foxconn, html);
        Assert.DoesNotContain("data-testid=\"board-town\"", html);
    }

    [Fact]
    public async Task Filters_in_the_link_apply_when_the_board_opens()
    {
        var client = await SignIn.AsAsync(data.App, "duty");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/board?view=board&type=Closure"));

        Assert.Contains($"data-number=\"{data.Binpei}\"", html);
        Assert.DoesNotContain($"data-number=\"{data.Kejia}\"", html);
        Assert.Contains("data-testid=\"board-town\"", html);
    }

    [Fact]
    public async Task An_enterprise_shows_its_contact_masked_and_only_the_incidents_the_user_may_see()
    {
        var kejia = await data.App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var officer = await SignIn.AsAsync(data.App, "zp.officer");
        var justice = await SignIn.AsAsync(data.App, "zp.justice");

        var forOfficer = WebUtility.HtmlDecode(await officer.GetStringAsync($"/enterprises/{kejia}"));
        var forJustice = WebUtility.HtmlDecode(await justice.GetStringAsync($"/enterprises/{kejia}"));

        Assert.Contains("9132058352CL12THX1", forOfficer);
        Assert.Contains("郑某某 138****5678", forOfficer);
        Assert.DoesNotContain("13812345678", forOfficer);
        Assert.Contains(data.Kejia, forOfficer);
        Assert.Contains("内资", forOfficer);
        Assert.DoesNotContain(data.Kejia, forJustice);
    }

    [Fact]
    public async Task A_yushan_officer_cannot_open_a_zhangpu_enterprise()
    {
        var kejia = await data.App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var client = await SignIn.AsAsync(data.App, "ys.officer");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/enterprises/{kejia}"));

        Assert.Contains("data-testid=\"enterprise-missing\"", html);
        Assert.DoesNotContain("郑某某", html);
    }

    [Fact]
    public async Task Every_role_that_works_on_cases_may_open_the_board_and_the_enterprises_and_no_administrator_may()
    {
        foreach (var user in new[] { "zp.officer", "labor.liaison", "leader" })
        {
            var client = await SignIn.AsAsync(data.App, user);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/enterprises")).StatusCode);
        }

        foreach (var user in new[] { "admin", "security", "auditor" })
        {
            var client = await SignIn.AsAsync(data.App, user);

            foreach (var page in new[] { "/board", "/enterprises", "/monitoring", "/monitoring/display", "/notifications", "/exports/cases.csv", "/exports/response-times.xlsx" })
            {
                var response = await client.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
            }
        }
    }
}
