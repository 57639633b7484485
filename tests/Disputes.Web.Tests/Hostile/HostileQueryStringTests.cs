using System.Net;
using System.Net.Http.Json;
using Disputes.Web.Features.Incidents.Offline;
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
    /// <remarks>By name: xUnit's case serialisation would turn a lone surrogate given as theory data into U+FFFD.</remarks>
    private static readonly Dictionary<string, string> SearchTexts = new()
    {
        ["sql"] = "'; DROP TABLE Enterprises;--", ["percent"] = "%", ["underscore"] = "_", ["bracket-range"] = "[a-z]", ["backslash"] = "\\",
        ["nul"] = "\0", ["lone-surrogate"] = "\ud800", ["script"] = HostileText.Script, ["100000-characters"] = new string('科', 100_000),
        ["blank"] = "   ", ["17-character-code"] = "91320583MA1XXXXXX", ["or-true"] = "' OR 1=1 --",
    };

    public static TheoryData<string> Searches() => [.. SearchTexts.Keys];

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
    public async Task The_enterprise_list_and_the_board_treat_a_hostile_search_as_text(string name)
    {
        var search = SearchTexts[name];
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

/// <summary>
/// The offline taps endpoint, posted as the browser posts (cookie, the page's antiforgery token in a header) with what no
/// browser of ours sends: malformed JSON, wrong types, unknown kinds, times at the calendar's ends, megabytes of text.
/// Each is a 4xx, a 422 carrying the refusal's code and its Chinese message, and leaves the incident as it was.
/// </summary>
public sealed partial class HostileOfflineTapTests(HostileCity city) : IClassFixture<HostileCity>
{
    private const string Tap = "/api/incidents/{0}/offline-taps";

    /// <summary>Bodies by name; <c>{id}</c> is a fresh submission id, <c>{now}</c> the time now.</summary>
    private static readonly Dictionary<string, (string Body, int Status)> Bodies = new()
    {
        ["empty"] = ("", 400),
        ["not-json"] = ("not json", 400),
        ["cut-short"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tex", 400),
        ["null"] = ("null", 400),
        ["array"] = ("[]", 400),
        ["number"] = ("42", 400),
        ["submission-id-not-a-guid"] = ("{\"submissionId\":\"abc\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"续报\"}", 400),
        ["submission-id-a-number"] = ("{\"submissionId\":123,\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"续报\"}", 400),
        ["kind-a-number"] = ("{\"submissionId\":\"{id}\",\"kind\":5,\"tappedAt\":\"{now}\",\"text\":\"续报\"}", 400),
        ["kind-missing"] = ("{\"submissionId\":\"{id}\",\"tappedAt\":\"{now}\",\"text\":\"续报\"}", 422),
        ["tapped-at-a-word"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"yesterday\",\"text\":\"续报\"}", 400),
        ["tapped-at-a-number"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":1700000000}", 400),
        ["text-a-number"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":42}", 400),
        ["text-an-object"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":{\"$ne\":null}}", 400),
        ["time-a-boolean"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"{now}\",\"time\":true}", 400),
        ["kind-unknown"] = ("{\"submissionId\":\"{id}\",\"kind\":\"delete\",\"tappedAt\":\"{now}\"}", 422),
        ["kind-upper-case"] = ("{\"submissionId\":\"{id}\",\"kind\":\"ARRIVAL\",\"tappedAt\":\"{now}\"}", 422),
        ["kind-script"] = ("{\"submissionId\":\"{id}\",\"kind\":\"<script>alert(1)</script>\",\"tappedAt\":\"{now}\"}", 422),
        ["kind-close-command"] = ("{\"submissionId\":\"{id}\",\"kind\":\"CloseIncident\",\"tappedAt\":\"{now}\",\"text\":\"结案\"}", 422),
        ["arrival-at-the-calendars-start"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"0001-01-01T00:00:00Z\",\"time\":\"00:30\"}", 422),
        ["arrival-at-the-calendars-start-without-a-time"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"0001-01-01T00:00:00+00:00\"}", 422),
        ["arrival-at-the-calendars-end"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"9999-12-31T23:59:59Z\"}", 422),
        ["arrival-at-the-calendars-end-with-a-time"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"9999-12-31T23:59:59+14:00\",\"time\":\"23:59\"}", 422),
        ["arrival-next-year"] = ("{\"submissionId\":\"{id}\",\"kind\":\"arrival\",\"tappedAt\":\"{next-year}\"}", 422),
        ["note-blank"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"   \"}", 422),
        ["note-null"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":null}", 422),
        ["note-megabyte"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"" + HostileText.Megabyte + "\"}", 422),
        ["note-control-characters"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"\\u0000\\u0007\\u001b\"}", 422),
        ["note-lone-surrogate"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"欠薪\\ud800\"}", 400),
        ["huge-body"] = ("{\"submissionId\":\"{id}\",\"kind\":\"note\",\"tappedAt\":\"{now}\",\"text\":\"" + new string('a', 12 << 20) + "\"}", 422),
        ["deep-nesting"] = (new string('[', 10_000) + new string(']', 10_000), 400),
    };

    public static TheoryData<string> Cases() => [.. Bodies.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_or_hostile_tap_is_refused_and_changes_nothing(string name)
    {
        var browser = await BrowserAsync();
        var now = city.App.Clock.GetUtcNow();
        var (template, status) = Bodies[name];
        var body = template.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{now}", now.ToString("O"), StringComparison.Ordinal)
            .Replace("{next-year}", now.AddYears(1).ToString("O"), StringComparison.Ordinal);
        var before = await Outcome.SnapshotAsync(city.App, city.Number);

        var response = await browser.PostAsync(city.Number, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 422)
        {
            var refusal = await response.Content.ReadFromJsonAsync<OfflineTapRefusal>();
            Outcome.HasMessages(city.App, "Error." + refusal!.Code);
            Assert.Equal(Chinese(refusal.Code), refusal.Message);
        }

        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("application/x-www-form-urlencoded", 415)]
    [InlineData("application/json; charset=utf-16", 400)]
    public async Task A_tap_in_another_content_type_is_refused_and_changes_nothing(string contentType, int status)
    {
        var browser = await BrowserAsync();
        var before = await Outcome.SnapshotAsync(city.App, city.Number);
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(
            $"{{\"submissionId\":\"{Guid.NewGuid()}\",\"kind\":\"note\",\"tappedAt\":\"{city.App.Clock.GetUtcNow():O}\",\"text\":\"续报\"}}"));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await browser.PostAsync(city.Number, content);

        Assert.Equal(status, (int)response.StatusCode);
        await Outcome.UnchangedAsync(city.App, city.Number, before);
    }

    [Theory]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("ZP-2026-0001%27%20OR%20%271%27%3D%271")]
    [InlineData("..%2F..%2Fadmin")]
    public async Task A_tap_on_a_number_that_is_not_one_is_not_found(string number)
    {
        var browser = await BrowserAsync();
        var before = await Outcome.RowsAsync(city.App);

        var response = await browser.PostAsync(number, JsonContent.Create(new { submissionId = Guid.NewGuid(), kind = "note", tappedAt = city.App.Clock.GetUtcNow(), text = "续报" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    private string Chinese(string code)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
            return city.App.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Disputes.Web.Resources.SharedResource>>()[$"Error.{code}"];
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    private async Task<Browser> BrowserAsync()
    {
        var client = await city.BrowserAsync("zp.officer");
        var token = QueueToken().Match(await client.GetStringAsync("/"));
        Assert.True(token.Success, "The page renders no token for the offline queue.");
        return new Browser(client, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private sealed record Browser(HttpClient Client, string Token)
    {
        public Task<HttpResponseMessage> PostAsync(string number, HttpContent content) =>
            Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, string.Format(System.Globalization.CultureInfo.InvariantCulture, Tap, number))
            {
                Content = content,
                Headers = { { "RequestVerificationToken", Token } },
            });
    }

    [System.Text.RegularExpressions.GeneratedRegex("id=\"offline-taps\"[^>]*data-token=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex QueueToken();
}
