using System.Net;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Enterprises;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// Hand-edited links: unknown enum names and numbers, dates at the ends of the calendar and impossible ones, counts past
/// an int, markup and SQL in the search. A page ignores what makes no sense and answers; a file endpoint answers 400 or
/// 404; nothing answers 500, nothing is written, and a searched text shown back on the page is text.
/// </summary>
public sealed class HostileQueryStringTests(HostileCity city) : IClassFixture<HostileCity>
{
    private static readonly string Long = Uri.EscapeDataString(new string('欠', 20_000));

    /// <summary>Pages: each answers 200 with the page (the filter it could not read left out).</summary>
    public static TheoryData<string> Pages() =>
    [
        "/board?stage=Bogus&grade=99",
        "/board?grade=-1&type=99&stage=42",
        "/board?type=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/board?town=99999999999",
        "/board?town=-1&level=99",
        "/board?level=2147483648&step=99&on=Bogus",
        "/board?from=0001-01-01",
        "/board?to=0001-01-01T00:00",
        "/board?from=9999-12-31&to=9999-12-31T23:59",
        "/board?from=2026-02-30&to=2026-13-01",
        "/board?from=2026-11-01&to=2025-11-01",
        "/board?overdue=Bogus&dept=99&recovered=99&unread=maybe",
        "/board?view=Bogus",
        "/board?view=list&stage=all&q=%25",
        "/board?q=%27%3B%20DROP%20TABLE%20Incidents%3B--",
        "/board?q=%00%07%1B",
        "/board?q=%ED%A0%80",
        "/board?q=" + Long,
        "/board?stage=Reported&stage=Closed&grade=I&grade=II",
        "/board?stage=reported&grade=i",
        "/monitoring?period=Bogus",
        "/monitoring?from=0001-01-01&to=0001-01-01",
        "/monitoring?from=9999-12-31&to=9999-12-31",
        "/monitoring?from=0001-01-01&to=9999-12-31",
        "/monitoring?from=2026-10-20&to=2026-10-01",
        "/monitoring?from=abc&to=def",
        "/monitoring?from=2026-02-30&to=2026-02-31",
        "/monitoring/display?period=%3Cscript%3E",
        "/monitoring/display?from=9999-12-31&to=9999-12-31",
        "/monitoring/display?from=0001-01-01&to=0001-01-02",
        "/enterprises?q=%27%3B%20DROP%20TABLE%20Enterprises%3B--&page=-1",
        "/notifications?page=99999999999",
        "/incidents/ZP-2026-0001%27%20OR%20%271%27%3D%271",
        "/incidents/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/incidents/" + Long,
        "/incidents/new?enterprise=99999999999&type=99",
    ];

    /// <summary>
    /// Files: a request they cannot serve is a 4xx (400 is the endpoint's answer, which the status-code pages may turn into
    /// their 404), never a 500; a filter that makes no sense is left out as on the board.
    /// </summary>
    public static TheoryData<string, int> Files() => new()
    {
        { "/exports/cases.csv?stage=Bogus&grade=99", 200 },
        { "/exports/cases.xlsx?from=0001-01-01&to=9999-12-31", 200 },
        { "/exports/cases.csv?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200 },
        { "/exports/cases.xlsx?town=-1&level=2147483648", 200 },
        { "/exports/response-times.csv?from=9999-12-31&to=9999-12-31", 400 },
        { "/exports/response-times.xlsx?from=0001-01-01&to=0001-01-01", 400 },
        { "/exports/response-times.csv?from=2026-13-01&to=2026-13-31", 400 },
        { "/exports/response-times.csv?from=2026-03-31&to=2026-03-01", 400 },
        { "/exports/response-times.csv?from=2020-01-01&to=2026-01-01", 400 },
        { "/exports/response-times.xlsx", 400 },
        { "/exports/response-times.csv?from=%27%3B--&to=2026-03-31", 400 },
        { "/exports/incidents/%3Cscript%3E/roster.csv", 404 },
        { "/exports/incidents/ZP-2026-0001%2500/ledger.xlsx", 404 },
        { "/exports/incidents/..%2F..%2Fetc%2Fpasswd/roster.xlsx", 404 },
        { "/exports/bulletins/99999999999/1.docx", 404 },
        { "/exports/bulletins/-1/-1.docx", 404 },
        { "/exports/bulletins/2026/0.docx", 404 },
    };

    /// <summary>Searches of the enterprise list and pages of the board, as the list's table asks for them.</summary>
    public static TheoryData<string> Searches() =>
    [
        "'; DROP TABLE Enterprises;--", "%", "_", "[a-z]", "\\", "\0", "\ud800", HostileText.Script, new string('科', 100_000), "   ",
        "91320583MA1XXXXXX", "' OR 1=1 --",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_hand_edited_page_link_answers_with_the_page_and_writes_nothing(string path)
    {
        var client = await city.BrowserAsync("duty");
        var before = await Outcome.RowsAsync(city.App);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x onerror", html, StringComparison.OrdinalIgnoreCase);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_hand_edited_file_link_is_refused_or_served_and_never_fails(string path, int expected)
    {
        var client = await city.BrowserAsync("duty");

        var response = await client.GetAsync(path);

        Outcome.NotServerError(response, path);
        if (expected == 200)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
        else
        {
            Assert.InRange((int)response.StatusCode, expected, 499);
        }
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task The_enterprise_list_and_the_board_treat_a_hostile_search_as_text(string search)
    {
        var duty = await Actors.ForAsync(city.App, "duty");
        var before = await Outcome.RowsAsync(city.App);
        var enterprises = city.App.Services.GetRequiredService<EnterpriseQueries>();
        var board = city.App.Services.GetRequiredService<BoardQuery>();

        var (rows, total) = await enterprises.ListAsync(duty, search, int.MaxValue, int.MaxValue);
        var (first, all) = await enterprises.ListAsync(duty, search, -1, -1);
        var page = await board.PageAsync(duty, BoardFilter.FromQuery(new Dictionary<string, string?> { ["q"] = search, ["stage"] = BoardFilter.AllStages }),
            (BoardSort)99, descending: true, int.MaxValue, int.MaxValue);

        // A page past the last is empty, however far past; a page size below one is one.
        Assert.Empty(rows);
        Assert.Empty(page.Rows);
        Assert.Equal(total, all);
        Assert.Equal(Math.Min(total, 1), first.Count);
        // A wildcard or a quote is a character of a name, not SQL: only a blank search (no filter) finds the enterprises.
        if (string.IsNullOrWhiteSpace(search))
        {
            Assert.True(total > 0);
        }
        else
        {
            Assert.Equal(0, total);
        }
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }
}
