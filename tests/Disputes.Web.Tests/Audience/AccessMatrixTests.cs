using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Incidents.Offline;
using Disputes.Web.Features.Monitoring;
using Disputes.Web.Features.Roster;
using Disputes.Web.Files;
using Disputes.Web.Tests.Escalation;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Disputes.Web.Tests.Audience.AudienceCity;

namespace Disputes.Web.Tests.Audience;

/// <summary>
/// The audience city of <see cref="AudienceCity"/> on its own app, with an attachment, a roster line and a recovery on
/// each incident, and one signed-in browser per user. Each test class gets its own: the readers' and the writers'.
/// </summary>
public sealed class AccessMatrixCity : IAsyncLifetime
{
    private static readonly string[] Stems = ["甲", "乙", "丙", "丁", "戊", "己"];

    private readonly ConcurrentDictionary<string, Task<Browser>> _browsers = new();

    public DisputesAppFactory App { get; } = new();

    /// <summary>The incidents' numbers by name.</summary>
    public Dictionary<string, string> Numbers { get; private set; } = [];

    public Dictionary<string, Attachment> Attachments { get; } = [];

    public Dictionary<string, byte[]> Contents { get; } = [];

    public Dictionary<string, int> Enterprises { get; } = [];

    public Dictionary<string, Guid> Workers { get; } = [];

    /// <summary>The one worker on each incident's roster: a name no other incident has, so an export shows whose it is.</summary>
    public static string WorkerName(string incident) => "矩阵" + Stems[Array.FindIndex(AudienceCity.Incidents, i => i.Name == incident)];

    /// <summary>A resident ID number from its first 17 digits, with its check character.</summary>
    public static ResidentIdNumber IdNumber(string first17) => ResidentIdNumber.Parse(first17 + ResidentIdNumber.CheckCharacter(first17));

    public static string RecoveryNote(string incident) => $"矩阵追回（{incident}）";

    public async Task InitializeAsync()
    {
        _ = App.Server;
        Numbers = await BuildAsync(App);
        var commands = App.Services.GetRequiredService<IncidentCommands>();
        var files = App.Services.GetRequiredService<IFileStore>();
        foreach (var (name, officer, enterprise, _) in AudienceCity.Incidents)
        {
            var number = Numbers[name];
            var actor = await Actors.ForAsync(App, officer);
            var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4 matrix {name}");
            var stored = await files.SaveAsync(new MemoryStream(content), CancellationToken.None);
            var attachment = new Attachment
            {
                FileName = $"{name}.pdf", ContentType = "application/pdf", SizeBytes = stored.Length, StorageKey = stored.Key,
                UploadedBy = actor.Name, UploadedByUserId = actor.UserId, UploadedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            await Succeeds(commands.SendAsync(actor, new AddAttachment(number, attachment)));
            Attachments[name] = attachment;
            Contents[name] = content;
            await Succeeds(commands.SendAsync(actor, new ImportWorkers(number,
                [new WorkerClaim(WorkerName(name), IdNumber("32058319900101123"), "", Money.FromYuan(6000))])));
            Workers[name] = await App.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).SelectMany(i => i.Workers).Select(w => w.Id).SingleAsync());
            await Succeeds(commands.SendAsync(actor, new RecordRecovery(number, Workers[name], Money.FromYuan(1000), RecoverySource.Employer, RecoveryNote(name))));
            Enterprises[name] = await App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        }
    }

    /// <summary>The user's signed-in browser (one sign-in each), with the token its pages render for the offline queue.</summary>
    public Task<Browser> BrowserAsync(string user) => _browsers.GetOrAdd(user, async u =>
    {
        var client = await SignIn.AsAsync(App, u);
        var home = await client.GetAsync("/");
        var match = QueueToken().Match(await home.Content.ReadAsStringAsync());
        return new Browser(client, match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null);
    });

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
        {
            (await browser).Client.Dispose();
        }

        App.Dispose();
    }

    private static async Task Succeeds(Task<CommandResult> sent)
    {
        var result = await sent;
        Assert.True(result.Succeeded, result.ErrorCode);
    }

    private static readonly Regex QueueTokenPattern = new("id=\"offline-taps\"[^>]*data-token=\"([^\"]+)\"", RegexOptions.Compiled);

    private static Regex QueueToken() => QueueTokenPattern;

    public sealed record Browser(HttpClient Client, string? Token);
}

/// <summary>
/// Collects the matrix's cases and mismatches: each (user, incident, entry point) is one case, allowed or denied as
/// <see cref="AudienceCity.Expected"/> says; every mismatch is reported together at the end.
/// </summary>
public sealed class Matrix(ITestOutputHelper output, string family)
{
    private readonly ConcurrentQueue<string> _mismatches = new();
    private int _cases;

    public int Cases => _cases;

    public void Case(bool ok, string mismatch)
    {
        Interlocked.Increment(ref _cases);
        if (!ok)
        {
            _mismatches.Enqueue(mismatch);
        }
    }

    /// <summary>Prints and checks the size, then fails with every mismatch.</summary>
    public void Verify(int expectedCases)
    {
        output.WriteLine($"{family}: {Cases} cases (user × incident × entry point), {_mismatches.Count} mismatches");
        Assert.True(_mismatches.IsEmpty, $"{family}:\n" + string.Join("\n", _mismatches.Order()));
        Assert.Equal(expectedCases, Cases);
    }

    /// <summary>An administrator's answer: sent to the access-denied page, or refused outright, never content.</summary>
    public static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect && Redirects.LocalTarget(response).StartsWith("/account/access-denied", StringComparison.Ordinal));

    public static bool ToAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && Redirects.LocalTarget(response).StartsWith("/account/access-denied", StringComparison.Ordinal);
}

/// <summary>
/// The access matrix, reading (issue 11): every user × every kind of incident × every entry point that shows an
/// incident — its page, the board, the enterprise's history, the exports, the attachment downloads, the hub, the
/// monitoring wall's figures and the notification centre — is allowed or denied exactly as the audience rule says.
/// The administrators see no case anywhere. Writes are in <see cref="AccessMatrixWriteTests"/>.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixCity city, ITestOutputHelper output) : IClassFixture<AccessMatrixCity>
{
    private static readonly string[] Names = AudienceCity.Incidents.Select(i => i.Name).ToArray();

    private static bool IsAdministrator(string user) => Administrators.Contains(user);

    [Fact]
    public async Task The_incident_page_shows_an_incident_to_its_audience_and_to_no_one_else()
    {
        var matrix = new Matrix(output, "incident page");
        await ForEachUserAsync(async (user, browser) =>
        {
            foreach (var name in Names)
            {
                var path = $"/incidents/{city.Numbers[name]}";
                var response = await browser.Client.GetAsync(path);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                var shows = html.Contains(Description(name), StringComparison.Ordinal);
                var enterprise = AudienceCity.Incidents.Single(i => i.Name == name).Enterprise;
                if (IsAdministrator(user))
                {
                    matrix.Case(Matrix.ToAccessDenied(response) && !shows, $"{user} was not sent to access-denied from {name} at {path} ({(int)response.StatusCode})");
                }
                else if (Sees(user, name))
                {
                    matrix.Case(response.StatusCode == HttpStatusCode.OK && shows && !html.Contains("data-testid=\"incident-missing\""),
                        $"{user} could not open {name} at {path} ({(int)response.StatusCode})");
                }
                else
                {
                    matrix.Case(response.StatusCode == HttpStatusCode.OK && html.Contains("data-testid=\"incident-missing\"") && !shows
                        && !html.Contains(enterprise, StringComparison.Ordinal), $"{user} could open {name} at {path}");
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length);
    }

    /// <summary>
    /// The pages that list incidents without being asked for one — home's work, the whole board, the monitoring wall —
    /// list only what the user sees. They need not list everything the user sees (home shows what awaits the user, the
    /// wall what is overdue), so only the denied cases are counted here; the allowed ones are the board's and the wall's
    /// figures' above.
    /// </summary>
    [Fact]
    public async Task The_pages_that_list_incidents_list_none_outside_the_users_audience()
    {
        var matrix = new Matrix(output, "listing pages (denied cases)");
        string[] pages = ["/", "/board?view=board&stage=all", "/monitoring"];
        await ForEachUserAsync(async (user, browser) =>
        {
            foreach (var page in pages)
            {
                var response = await browser.Client.GetAsync(page);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                var answered = response.StatusCode == HttpStatusCode.OK || (IsAdministrator(user) && Matrix.ToAccessDenied(response));
                foreach (var name in Names.Where(n => !Sees(user, n)))
                {
                    matrix.Case(answered && !html.Contains(city.Numbers[name], StringComparison.Ordinal)
                        && !html.Contains(Description(name), StringComparison.Ordinal), $"{user} saw {name} listed at {page} ({(int)response.StatusCode})");
                }
            }
        });
        matrix.Verify(pages.Length * Users.Sum(u => Names.Count(n => !Sees(u, n))));
    }

    [Fact]
    public async Task The_board_finds_an_incident_for_its_audience_only()
    {
        var matrix = new Matrix(output, "board");
        await ForEachUserAsync(async (user, browser) =>
        {
            // The board view: its cards are in the first response (the list's table loads its rows once interactive).
            foreach (var view in new[] { "board" })
            {
                foreach (var name in Names)
                {
                    var number = city.Numbers[name];
                    var path = $"/board?view={view}&stage=all&q={number}";
                    var response = await browser.Client.GetAsync(path);
                    var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                    var listed = html.Contains($"/incidents/{number}\"", StringComparison.Ordinal);
                    if (IsAdministrator(user))
                    {
                        matrix.Case(Matrix.ToAccessDenied(response) && !listed, $"{user} was not sent to access-denied at {path}");
                    }
                    else
                    {
                        matrix.Case(response.StatusCode == HttpStatusCode.OK && listed == Sees(user, name),
                            $"{user} {(listed ? "found" : "did not find")} {name} at {path}");
                    }
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length);
    }

    [Fact]
    public async Task An_enterprises_history_lists_an_incident_for_its_audience_only()
    {
        var matrix = new Matrix(output, "enterprise history");
        await ForEachUserAsync(async (user, browser) =>
        {
            foreach (var name in Names)
            {
                var number = city.Numbers[name];
                var path = $"/enterprises/{city.Enterprises[name]}";
                var response = await browser.Client.GetAsync(path);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                var listed = html.Contains($"/incidents/{number}\"", StringComparison.Ordinal) || html.Contains(number, StringComparison.Ordinal);
                if (IsAdministrator(user))
                {
                    matrix.Case(Matrix.ToAccessDenied(response) && !listed, $"{user} was not sent to access-denied at {path}");
                }
                else
                {
                    matrix.Case(response.StatusCode == HttpStatusCode.OK && listed == Sees(user, name),
                        $"{user} {(listed ? "saw" : "did not see")} {name} at {path}");
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length);
    }

    [Fact]
    public async Task The_exports_carry_an_incident_for_its_audience_only()
    {
        var matrix = new Matrix(output, "exports");
        await ForEachUserAsync(async (user, browser) =>
        {
            var cases = await browser.Client.GetAsync("/exports/cases.csv?stage=all");
            var casesText = await cases.Content.ReadAsStringAsync();
            foreach (var name in Names)
            {
                var number = city.Numbers[name];
                var listed = casesText.Contains(number, StringComparison.Ordinal);
                var roster = await browser.Client.GetAsync($"/exports/incidents/{number}/roster.csv");
                var rosterText = await roster.Content.ReadAsStringAsync();
                var rostered = rosterText.Contains(AccessMatrixCity.WorkerName(name), StringComparison.Ordinal);
                var ledger = await browser.Client.GetAsync($"/exports/incidents/{number}/ledger.xlsx");
                var ledgerBytes = await ledger.Content.ReadAsByteArrayAsync();
                var workbook = ledger.StatusCode == HttpStatusCode.OK && ledgerBytes is [(byte)'P', (byte)'K', ..];
                if (IsAdministrator(user))
                {
                    matrix.Case(Matrix.Refused(cases) && !listed, $"{user} got {(int)cases.StatusCode} at /exports/cases.csv ({name})");
                    matrix.Case(Matrix.Refused(roster) && !rostered, $"{user} got {(int)roster.StatusCode} at /exports/incidents/{number}/roster.csv ({name})");
                    matrix.Case(Matrix.Refused(ledger) && !workbook, $"{user} got {(int)ledger.StatusCode} at /exports/incidents/{number}/ledger.xlsx ({name})");
                }
                else if (Sees(user, name))
                {
                    matrix.Case(cases.StatusCode == HttpStatusCode.OK && listed, $"{user} did not find {name} in /exports/cases.csv");
                    matrix.Case(roster.StatusCode == HttpStatusCode.OK && rostered, $"{user} could not export {name}'s roster ({(int)roster.StatusCode})");
                    matrix.Case(workbook, $"{user} could not export {name}'s ledger ({(int)ledger.StatusCode})");
                }
                else
                {
                    matrix.Case(cases.StatusCode == HttpStatusCode.OK && !listed, $"{user} found {name} in /exports/cases.csv");
                    matrix.Case(roster.StatusCode == HttpStatusCode.NotFound && !rostered, $"{user} could export {name}'s roster ({(int)roster.StatusCode})");
                    matrix.Case(ledger.StatusCode == HttpStatusCode.NotFound && !workbook, $"{user} could export {name}'s ledger ({(int)ledger.StatusCode})");
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length * 3);
    }

    /// <summary>Who may have whole numbers by the default <c>PersonalData:RevealRoles</c>: the chair, the duty officer, the labour liaison.</summary>
    private static readonly string[] RevealUsers = ["zp.chair", "duty", "labor.liaison"];

    [Fact]
    public async Task Whole_numbers_are_revealed_and_exported_only_to_those_allowed_them_and_only_of_incidents_they_see()
    {
        var matrix = new Matrix(output, "whole numbers");
        var access = city.App.Services.GetRequiredService<Disputes.Web.Features.PersonalData.PersonalDataAccess>();
        var whole = AccessMatrixCity.IdNumber("32058319900101123").Value;
        await ForEachUserAsync(async (user, browser) =>
        {
            var actor = await Actors.ForAsync(city.App, user);
            var allowed = RevealUsers.Contains(user);
            foreach (var name in Names)
            {
                var number = city.Numbers[name];
                var reveal = await access.RevealAsync(actor, number, city.Workers[name], "法律援助");
                var advance = await browser.Client.GetAsync($"/exports/incidents/{number}/advance.csv?reason=%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9");
                var text = await advance.Content.ReadAsStringAsync();
                var exported = advance.StatusCode == HttpStatusCode.OK && text.Contains(whole, StringComparison.Ordinal)
                    && text.Contains(AccessMatrixCity.WorkerName(name), StringComparison.Ordinal);
                var mayHave = allowed && Sees(user, name);
                matrix.Case(reveal.Succeeded == mayHave && (reveal.Numbers?.IdNumber ?? whole) == whole,
                    $"{user} {(reveal.Succeeded ? "was shown" : "was refused")} {name}'s whole number ({reveal.ErrorCode})");
                if (IsAdministrator(user))
                {
                    matrix.Case(Matrix.Refused(advance) && !text.Contains(whole, StringComparison.Ordinal), $"{user} got {(int)advance.StatusCode} at {name}'s advance roster");
                }
                else if (mayHave)
                {
                    matrix.Case(exported, $"{user} could not export {name}'s advance roster ({(int)advance.StatusCode})");
                }
                else
                {
                    var expected = allowed ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
                    matrix.Case(advance.StatusCode == expected && !text.Contains(whole, StringComparison.Ordinal),
                        $"{user} got {(int)advance.StatusCode} at {name}'s advance roster, not {(int)expected}");
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length * 2);
    }

    [Fact]
    public async Task An_attachment_downloads_for_the_incidents_audience_only()
    {
        var matrix = new Matrix(output, "attachment downloads");
        await ForEachUserAsync(async (user, browser) =>
        {
            foreach (var name in Names)
            {
                var path = $"/files/{city.Numbers[name]}/{city.Attachments[name].Id}";
                var response = await browser.Client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                var served = response.StatusCode == HttpStatusCode.OK && body.SequenceEqual(city.Contents[name]);
                if (IsAdministrator(user))
                {
                    matrix.Case(Matrix.Refused(response) && !served, $"{user} got {(int)response.StatusCode} at {path} ({name})");
                }
                else
                {
                    matrix.Case(Sees(user, name) ? served : response.StatusCode == HttpStatusCode.NotFound && !served,
                        $"{user} {(served ? "downloaded" : "could not download")} {name}'s attachment at {path} ({(int)response.StatusCode})");
                }
            }
        });
        matrix.Verify(Users.Length * Names.Length);
    }

    [Fact]
    public async Task A_hub_connection_receives_the_changes_of_its_users_incidents_only()
    {
        var matrix = new Matrix(output, "hub subscription");
        var names = city.Numbers.ToDictionary(kv => kv.Value, kv => kv.Key);
        var listeners = new Dictionary<string, Listener>();
        foreach (var user in Users)
        {
            listeners[user] = await ListenAsync(city.App, user);
        }

        var duty = await Actors.ForAsync(city.App, "duty");
        var commands = city.App.Services.GetRequiredService<IncidentCommands>();
        foreach (var number in city.Numbers.Values)
        {
            Assert.True((await commands.SendAsync(duty, new AddProgressNote(number, "矩阵核对：实时消息"))).Succeeded);
        }

        await WaitUntilAsync(() => listeners["duty"].Numbers().Count(names.ContainsKey) == Names.Length && listeners["leader"].Numbers().Count(names.ContainsKey) == Names.Length);
        await Task.Delay(500);
        foreach (var user in Users)
        {
            var received = listeners[user].Numbers();
            foreach (var name in Names)
            {
                var got = received.Contains(city.Numbers[name]);
                matrix.Case(got == Sees(user, name), $"{user} {(got ? "received" : "did not receive")} {name}'s change on {Disputes.Web.Realtime.IncidentsHub.Path}");
            }

            await listeners[user].DisposeAsync();
        }

        matrix.Verify(Users.Length * Names.Length);
    }

    [Fact]
    public async Task The_monitoring_walls_figures_count_the_users_incidents_only()
    {
        var matrix = new Matrix(output, "monitoring wall");
        var wall = city.App.Services.GetRequiredService<WallQueries>();
        foreach (var user in Users)
        {
            var actor = await Actors.ForAsync(city.App, user);
            var figures = await wall.ReadAsync(actor, WallPeriod.ThisMonth);
            var expected = Expected[user].Length;
            // Every incident of the city is open and one of the six: each visible one counts once, in each figure.
            matrix.Case(figures.Totals.Open == expected, $"{user}: the wall's open total is {figures.Totals.Open}, not {expected}");
            matrix.Case(figures.Grid.Sum(c => c.Open) == expected, $"{user}: the wall's town grid counts {figures.Grid.Sum(c => c.Open)}, not {expected}");
            matrix.Case(figures.ByStage.Sum(s => s.Count) == expected, $"{user}: the wall's stages count {figures.ByStage.Sum(s => s.Count)}, not {expected}");
            matrix.Case(figures.ByType.Sum(s => s.Count) == expected, $"{user}: the wall's types count {figures.ByType.Sum(s => s.Count)}, not {expected}");
            matrix.Case(figures.Totals.Workers == expected * 12, $"{user}: the wall counts {figures.Totals.Workers} workers, not {expected * 12}");
            matrix.Case(figures.Months.This.Opened == expected, $"{user}: the wall counts {figures.Months.This.Opened} opened this month, not {expected}");
            var listed = figures.Overdue.Items.Select(s => s.Number).Concat(figures.Escalations.Recent.Select(e => e.Number)).ToHashSet();
            foreach (var name in Names.Where(n => !Sees(user, n)))
            {
                matrix.Case(!listed.Contains(city.Numbers[name]), $"{user}: the wall lists {name}");
            }

            if (IsAdministrator(user))
            {
                var browser = await city.BrowserAsync(user);
                foreach (var page in new[] { "/monitoring", "/monitoring/display" })
                {
                    matrix.Case(Matrix.ToAccessDenied(await browser.Client.GetAsync(page)), $"{user} was not sent to access-denied from {page}");
                }
            }
        }

        var denied = Users.Sum(u => Names.Count(n => !Sees(u, n)));
        matrix.Verify(Users.Length * 6 + denied + Administrators.Length * 2);
    }

    [Fact]
    public async Task The_notification_centre_tells_a_user_of_their_incidents_only()
    {
        var matrix = new Matrix(output, "notification centre");
        // Every open step three hours overdue (the clock stays, so the browsers' sign-ins do too): the ladder climbs to the top.
        var steps = await city.App.WithDbAsync(db => db.Incidents.AsNoTracking().SelectMany(i => i.Steps)
            .Where(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null).Select(s => s.Id).ToListAsync());
        foreach (var id in steps)
        {
            await EscalationScenario.DueAtAsync(city.App, id, city.App.Clock.GetUtcNow().UtcDateTime.AddHours(-3));
        }

        for (var sweep = 0; sweep < 4; sweep++)
        {
            await EscalationScenario.SweepAsync(city.App);
        }

        var centre = city.App.Services.GetRequiredService<NotificationCentre>();
        var total = 0;
        foreach (var user in Users)
        {
            var actor = await Actors.ForAsync(city.App, user);
            var told = (await centre.ListAsync(actor.UserId)).Select(n => n.Notice.IncidentNumber).ToHashSet();
            total += told.Count;
            var browser = await city.BrowserAsync(user);
            var response = await browser.Client.GetAsync("/notifications");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            output.WriteLine($"  {user} is told of {string.Join(", ", Names.Where(n => told.Contains(city.Numbers[n])))}");
            foreach (var name in Names)
            {
                var number = city.Numbers[name];
                var onPage = html.Contains(number, StringComparison.Ordinal);
                if (IsAdministrator(user))
                {
                    matrix.Case(!told.Contains(number) && Matrix.ToAccessDenied(response) && !onPage, $"{user} is told of {name}, or was not sent to access-denied from /notifications");
                }
                else
                {
                    // Who is told follows the ladder (not everyone who sees an incident), but never anyone outside its audience.
                    matrix.Case(Sees(user, name) || (!told.Contains(number) && !onPage), $"{user} is told of {name} in the notification centre");
                    matrix.Case(response.StatusCode == HttpStatusCode.OK && onPage == told.Contains(number), $"{user}'s /notifications page and centre disagree on {name}");
                }
            }
        }

        Assert.True(total > 0, "No one was told of anything: the ladder did not climb.");
        matrix.Verify(Administrators.Length * Names.Length + (Users.Length - Administrators.Length) * Names.Length * 2);
    }

    private async Task ForEachUserAsync(Func<string, AccessMatrixCity.Browser, Task> check)
    {
        // Two users at a time: the test server and SQLite answer in parallel, on a machine of two cores.
        using var gate = new SemaphoreSlim(2);
        await Task.WhenAll(Users.Select(async user =>
        {
            await gate.WaitAsync();
            try
            {
                await check(user, await city.BrowserAsync(user));
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}

/// <summary>
/// The access matrix, writing: the offline-tap endpoint and every command of the one write path. A user who may not see
/// an incident is refused exactly as for a number that does not exist, and nothing changes; a user who sees it is
/// answered by the domain's permissions, never "not found". A command type the matrix does not know fails it.
/// </summary>
public sealed class AccessMatrixWriteTests(AccessMatrixCity city, ITestOutputHelper output) : IClassFixture<AccessMatrixCity>
{
    private const string Missing = "ZP-2099-9999";

    private static readonly string[] Names = AudienceCity.Incidents.Select(i => i.Name).ToArray();

    /// <summary>What a command needs of an incident, read just before it is sent.</summary>
    private sealed record Target(string Number, Guid Token, Guid EngagementId, Guid TaskId, Guid StepId, int TownId, Guid WorkerId, DateTime NowUtc);

    /// <summary>Every command type, with arguments that reach the domain. Close and cancel come last, so the rest meet an open incident.</summary>
    private static readonly (Type Type, Func<Target, IncidentCommand> Make)[] Commands =
    [
        (typeof(AddProgressNote), t => new AddProgressNote(t.Number, "矩阵续报")),
        (typeof(ConfirmArrival), t => new ConfirmArrival(t.Number, t.NowUtc)),
        (typeof(ReportUpward), t => new ReportUpward(t.Number, "矩阵初报")),
        (typeof(SubmitWrittenReport), t => new SubmitWrittenReport(t.Number, "矩阵书面报告")),
        (typeof(EngageDepartments), t => new EngageDepartments(t.Number, [])),
        (typeof(Acknowledge), t => new Acknowledge(t.Number, t.EngagementId)),
        (typeof(AddTask), t => new AddTask(t.Number, t.EngagementId, "矩阵任务", null)),
        (typeof(CompleteTask), t => new CompleteTask(t.Number, t.EngagementId, t.TaskId)),
        (typeof(AddAttachment), t => new AddAttachment(t.Number, new Attachment
        {
            FileName = "矩阵.pdf", ContentType = "application/pdf", SizeBytes = 1, StorageKey = "matrix-none", UploadedBy = "矩阵", UploadedAtUtc = t.NowUtc,
        })),
        (typeof(ChangeGrade), t => new ChangeGrade(t.Number, t.Token, SeverityGrade.III, "矩阵核对")),
        (typeof(CorrectDetails), t => new CorrectDetails(t.Number, t.Token, 12, Money.FromYuan(80_000), 2, "厂区", AggravatingFacts.None, "矩阵核对")),
        (typeof(CorrectType), t => new CorrectType(t.Number, t.Token, IncidentType.WageArrears, "矩阵核对")),
        (typeof(PauseStep), t => new PauseStep(t.Number, t.StepId, "矩阵核对")),
        (typeof(ResumeStep), t => new ResumeStep(t.Number, t.StepId)),
        (typeof(ReassignStep), t => new ReassignStep(t.Number, t.StepId, t.TownId, "矩阵核对")),
        (typeof(ImportWorkers), t => new ImportWorkers(t.Number, [new WorkerClaim("矩阵新", AccessMatrixCity.IdNumber("32058319920202345"), "", Money.FromYuan(100))])),
        (typeof(RecordRecovery), t => new RecordRecovery(t.Number, t.WorkerId, Money.FromYuan(1), RecoverySource.Employer, "矩阵")),
        (typeof(MoveStage), t => new MoveStage(t.Number, t.Token, IncidentAction.Respond)),
        (typeof(CompleteFollowUp), t => new CompleteFollowUp(t.Number, true, true, "矩阵回访")),
        (typeof(CloseIncident), t => new CloseIncident(t.Number, t.Token, "矩阵结案", "", "", Money.Zero, null)),
        (typeof(CancelIncident), t => new CancelIncident(t.Number, t.Token, "矩阵核对")),
    ];

    [Fact]
    public void The_matrix_covers_every_command_type()
    {
        var all = typeof(IncidentCommand).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(IncidentCommand)))
            .Select(t => t.FullName!).Order().ToList();
        var covered = Commands.Select(c => c.Type.FullName!).Order().ToList();
        Assert.True(all.SequenceEqual(covered), "Commands the access matrix does not send: " + string.Join(", ", all.Except(covered))
            + "; listed but not commands: " + string.Join(", ", covered.Except(all)));
        output.WriteLine($"{all.Count} command types");
    }

    [Fact]
    public async Task Every_command_is_refused_as_for_a_missing_incident_to_a_user_outside_its_audience_and_reaches_the_domain_for_one_inside()
    {
        var matrix = new Matrix(output, "commands");
        var commands = city.App.Services.GetRequiredService<IncidentCommands>();
        var answers = new Dictionary<string, int>();
        foreach (var user in Users)
        {
            var actor = await Actors.ForAsync(city.App, user);
            var before = await SequencesAsync();
            foreach (var (type, make) in Commands)
            {
                var missing = await commands.SendAsync(actor, make(await TargetAsync(Missing, null)));
                Assert.Equal(CommandResult.NotFound, missing);
                foreach (var name in Names)
                {
                    var result = await commands.SendAsync(actor, make(await TargetAsync(city.Numbers[name], name)));
                    if (Sees(user, name))
                    {
                        matrix.Case(result.ErrorCode != CommandResult.NotFound.ErrorCode, $"{user} was told {name} is not found by {type.Name}");
                        answers[result.Succeeded ? "applied" : result.ErrorCode!] = answers.GetValueOrDefault(result.Succeeded ? "applied" : result.ErrorCode!) + 1;
                    }
                    else
                    {
                        matrix.Case(result == missing, $"{user} sending {type.Name} to {name} was answered {result}, not as for a missing incident");
                    }
                }
            }

            var after = await SequencesAsync();
            foreach (var name in Names.Where(n => !Sees(user, n)))
            {
                matrix.Case(before[name] == after[name], $"{user} changed {name}, which they may not see");
            }
        }

        output.WriteLine("Answers to users who see the incident: " + string.Join(", ", answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value}")));
        Assert.True(answers.GetValueOrDefault("applied") > 0, "No command was applied: the matrix would not tell a refusal from a leak.");
        var denied = Users.Sum(u => Names.Count(n => !Sees(u, n)));
        matrix.Verify(Users.Length * Names.Length * Commands.Length + denied);
    }

    [Fact]
    public async Task An_offline_tap_is_applied_for_the_incidents_audience_and_refused_as_not_found_for_anyone_else()
    {
        var matrix = new Matrix(output, "offline taps");
        var applied = new Dictionary<(string, string), bool>();
        foreach (var user in Users)
        {
            var browser = await city.BrowserAsync(user);
            foreach (var name in Names)
            {
                var number = city.Numbers[name];
                var path = $"/api/incidents/{number}/offline-taps";
                var response = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = JsonContent.Create(new { submissionId = Guid.NewGuid(), kind = OfflineTap.Note, tappedAt = city.App.Clock.GetUtcNow(), text = TapText(user) }),
                    Headers = { { "RequestVerificationToken", browser.Token ?? "no-token-on-the-page" } },
                });
                if (Administrators.Contains(user))
                {
                    matrix.Case(Matrix.Refused(response), $"{user} got {(int)response.StatusCode} at POST {path} ({name})");
                }
                else if (Sees(user, name))
                {
                    // Applied, or refused by the domain's permissions (a city leader adds no notes): never "not found".
                    var code = response.StatusCode == HttpStatusCode.UnprocessableEntity ? (await response.Content.ReadFromJsonAsync<OfflineTapRefusal>())?.Code : null;
                    matrix.Case(response.StatusCode == HttpStatusCode.NoContent || (code is not null && code != CommandResult.NotFound.ErrorCode),
                        $"{user} tapping on {name} at POST {path} got {(int)response.StatusCode} {code}");
                    applied[(user, name)] = response.StatusCode == HttpStatusCode.NoContent;
                }
                else
                {
                    var code = response.StatusCode == HttpStatusCode.NotFound ? (await response.Content.ReadFromJsonAsync<OfflineTapRefusal>())?.Code : null;
                    matrix.Case(code == CommandResult.NotFound.ErrorCode, $"{user} tapping on {name} at POST {path} got {(int)response.StatusCode} {code}");
                }
            }
        }

        var notes = await city.App.WithDbAsync(async db => (await db.Incidents.AsNoTracking().Select(i => new { i.Number, Entries = i.Timeline.Where(t => t.Kind == TimelineKind.Note).Select(t => t.Payload).ToList() }).ToListAsync())
            .ToDictionary(i => i.Number, i => i.Entries.Select(p => ((IncidentEvent.Note)IncidentEvent.FromJson(p)).Text).ToList()));
        foreach (var user in Users)
        {
            foreach (var name in Names)
            {
                var recorded = notes[city.Numbers[name]].Count(t => t == TapText(user));
                matrix.Case(recorded == (applied.GetValueOrDefault((user, name)) ? 1 : 0), $"{user}'s tap on {name} was recorded {recorded} times");
            }
        }

        Assert.Contains(true, applied.Values);
        matrix.Verify(Users.Length * Names.Length * 2);
    }

    private static string TapText(string user) => $"离线补报（{user}）";

    private Task<Dictionary<string, int>> SequencesAsync() => city.App.WithDbAsync(async db =>
    {
        var numbers = city.Numbers.Values.ToList();
        var sequences = await db.Incidents.AsNoTracking().Where(i => numbers.Contains(i.Number)).ToDictionaryAsync(i => i.Number, i => i.LastSequence);
        return city.Numbers.ToDictionary(kv => kv.Key, kv => sequences[kv.Value]);
    });

    /// <summary>The incident as a user looking at it now would hold it; for the missing number, made-up ids.</summary>
    private async Task<Target> TargetAsync(string number, string? name)
    {
        var now = city.App.Clock.GetUtcNow().UtcDateTime;
        if (name is null)
        {
            return new Target(number, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, Guid.NewGuid(), now);
        }

        return await city.App.WithDbAsync(async db =>
        {
            var incident = await db.Incidents.AsNoTracking().Include(i => i.Engagements).Include(i => i.Steps).AsSplitQuery().SingleAsync(i => i.Number == number);
            var engagement = incident.Engagements.FirstOrDefault();
            var step = incident.Steps.OrderBy(s => s.DueAtUtc).FirstOrDefault(s => s.CompletedAtUtc == null && s.CancelledAtUtc == null) ?? incident.Steps.First();
            return new Target(number, incident.ConcurrencyToken, engagement?.Id ?? Guid.NewGuid(), engagement?.Tasks.FirstOrDefault()?.Id ?? Guid.NewGuid(),
                step.Id, incident.TownId, city.Workers[name], now);
        });
    }
}
