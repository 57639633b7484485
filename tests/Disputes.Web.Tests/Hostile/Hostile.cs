using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Workers;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Roster;
using Disputes.Web.Resources;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// The hostile texts every surface is fed (issue 12, point 4), by name so that each is its own test case: markup and SQL,
/// control characters, bidirectional overrides, lone surrogates, joiners, and sizes far past every limit.
/// </summary>
public static class HostileText
{
    public const string Script = "<script>alert(1)</script>";
    public const string ImgOnError = "\"><img src=x onerror=alert(1)>";
    public const string Sql = "'; DROP TABLE Incidents;--";

    /// <summary>A megabyte of text: past every field's limit.</summary>
    public static readonly string Megabyte = new('欠', 1 << 20);

    /// <summary>Texts a user may well paste into a field, which must be stored as typed and shown as text.</summary>
    public static readonly IReadOnlyDictionary<string, string> Inert = new Dictionary<string, string>
    {
        ["script"] = Script,
        ["img-onerror"] = ImgOnError,
        ["sql"] = Sql,
        ["svg-onload"] = "<svg/onload=alert(1)>",
        ["javascript-url"] = "<a href=\"javascript:alert(1)\">点我</a>",
        ["template"] = "{{constructor.constructor('alert(1)')()}} @(1+1) ${7*7}",
        ["rtl-override"] = "工资\u202egpj.exe",
        ["zero-width-joiner"] = "欠\u200d薪\u200b\u2060\ufeff",
        ["combining"] = "Z\u0351\u0352\u0353\u0354\u0355\u0356",
    };

    /// <summary>Control characters and broken UTF-16: refused with a message or stored so that nothing downstream breaks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Broken = new Dictionary<string, string>
    {
        ["nul"] = "欠薪\0职工",
        ["bell"] = "欠薪\u0007",
        ["escape"] = "\u001b[31m欠薪\u001b[0m",
        ["backspace-delete"] = "欠\b\u007f薪",
        ["lone-high-surrogate"] = "欠薪\ud800",
        ["lone-low-surrogate"] = "\udc00欠薪",
        ["noncharacter"] = "欠薪\uffff\ufffe",
    };

    public static IEnumerable<string> InertNames => Inert.Keys;

    public static IEnumerable<string> BrokenNames => Broken.Keys;

    public static string Named(string name) => Inert.TryGetValue(name, out var text) ? text : Broken[name];

    /// <summary>Whether the text, as stored or rendered, could break a reader: a control character other than tab and line breaks, or a lone surrogate.</summary>
    public static bool HasBrokenCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uffff' or '\ufffe')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What a hostile input must never leave behind: checks shared by every surface.</summary>
public static partial class Outcome
{
    private static readonly string[] Volatile =
        ["UserSessions", "SecurityEvents", "SignInFailures", "AuditTrail", "AuditHeads", "ExportLog", "DataProtectionKeys", "RefreshTokens"];

    /// <summary>
    /// The error code names a message in Chinese (the default culture) and in English, each its own text rather than the
    /// key: a user told "incident.text-length" has not been told anything.
    /// </summary>
    public static void HasMessages(DisputesAppFactory app, string key)
    {
        var localizer = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = localizer[key];
            Assert.False(chinese.ResourceNotFound, $"no Chinese message for {key}");
            Assert.NotEqual(key, chinese.Value);
            Assert.Matches(ChineseCharacter(), chinese.Value);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = localizer[key];
            Assert.False(english.ResourceNotFound, $"no English message for {key}");
            Assert.NotEqual(chinese.Value, english.Value);
            // English words (an example such as "3.5万" may quote Chinese).
            Assert.Matches("[A-Za-z]{3,}", english.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>A command's refusal: an error code, with its messages.</summary>
    public static void Refused(DisputesAppFactory app, CommandResult result, string? expectedCode = null)
    {
        Assert.False(result.Succeeded, "a hostile input was accepted");
        Assert.NotNull(result.ErrorCode);
        if (expectedCode is not null)
        {
            Assert.Equal(expectedCode, result.ErrorCode);
        }

        HasMessages(app, "Error." + result.ErrorCode);
    }

    /// <summary>The row count of every table the app's data lives in (sessions, sign-in records and logs left out), for "nothing was written".</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowsAsync(DisputesAppFactory app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !Volatile.Contains(t)))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    /// <summary>Row counts and the incident's version and last sequence, before a hostile input, to compare with after.</summary>
    public static async Task<Snapshot> SnapshotAsync(DisputesAppFactory app, string number) =>
        new(await RowsAsync(app), await app.WithDbAsync(db => db.Incidents.AsNoTracking().Where(i => i.Number == number)
            .Select(i => new IncidentVersion(i.LastSequence, i.ConcurrencyToken)).SingleAsync()));

    public static async Task UnchangedAsync(DisputesAppFactory app, string number, Snapshot before)
    {
        var after = await SnapshotAsync(app, number);
        Assert.Equal(before.Incident, after.Incident);
        Assert.Equal(before.Rows, after.Rows);
    }

    public static async Task NoRowsWrittenAsync(DisputesAppFactory app, IReadOnlyDictionary<string, long> before) =>
        Assert.Equal(before, await RowsAsync(app));

    /// <summary>An answer to anything a browser or client can send: anything but a server error.</summary>
    public static void NotServerError(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");

    /// <summary>
    /// The page shows the stored text as text: parsed as a browser parses it, no script runs alert, no element carries an
    /// event handler or a javascript: address, and the text itself reads back when the markup is decoded.
    /// </summary>
    public static void RendersInert(string html, string? stored = null)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(document.Scripts, s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
        var live = document.All.SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, a.Name, a.Value)))
            .Where(a => (a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && a.Value.Contains("alert", StringComparison.Ordinal))
                        || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                        || (a.Element == "img" && a.Name == "src" && a.Value == "x"))
            .ToList();
        Assert.Empty(live);
        if (stored is not null)
        {
            Assert.Contains(stored, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseCharacter();

    public sealed record Snapshot(IReadOnlyDictionary<string, long> Rows, IncidentVersion Incident);

    public sealed record IncidentVersion(int LastSequence, Guid Token);
}

/// <summary>
/// One app with one incident ready for every command: Zhangpu's officer logged it, the justice office is engaged with a
/// task of its own, one worker is on the roster with a recovery. Each hostile test class gets its own.
/// </summary>
public sealed class HostileCity : IAsyncLifetime
{
    public DisputesAppFactory App { get; } = new();

    public string Number { get; private set; } = string.Empty;

    public Guid EngagementId { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid StepId { get; private set; }

    public Guid WorkerId { get; private set; }

    public int TownId { get; private set; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<HttpClient>> _browsers = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> _tokens = new();

    public IncidentCommands Commands => App.Services.GetRequiredService<IncidentCommands>();

    /// <summary>A hub client's bearer token for the user, one sign-in each (the sign-in rate limits count token requests too).</summary>
    public Task<string> TokenAsync(string userName) => _tokens.GetOrAdd(userName, async u =>
    {
        using var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/account/token", new { userName = u, password = SignIn.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
    });

    /// <summary>The user's signed-in browser, one sign-in each: a sign-in per case would run into the sign-in rate limits.</summary>
    public Task<HttpClient> BrowserAsync(string userName) => _browsers.GetOrAdd(userName, u => SignIn.AsAsync(App, u));

    public static ResidentIdNumber IdNumber(string first17) => ResidentIdNumber.Parse(first17 + ResidentIdNumber.CheckCharacter(first17));

    public async Task InitializeAsync()
    {
        _ = App.Server;
        var officer = await Actors.ForAsync(App, "zp.officer");
        var justice = await Actors.ForAsync(App, "zp.justice");
        var enterpriseId = await App.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "昆山科家塑胶有限公司").Select(e => e.Id).SingleAsync());
        var logged = await Commands.LogAsync(officer, new LogIncidentCommand(Guid.NewGuid(), enterpriseId, null, IncidentType.WageArrears, 20,
            Money.FromYuan(60_000), 2, "厂区门口", AggravatingFacts.None, "职工在厂门口聚集", null));
        Assert.True(logged.Succeeded, logged.ErrorCode);
        Number = logged.Number!;
        await Succeeds(Commands.SendAsync(officer, new EngageDepartments(Number, [DepartmentKind.Justice])));
        EngagementId = await App.WithDbAsync(db => db.Incidents.Where(i => i.Number == Number).SelectMany(i => i.Engagements).Select(e => e.Id).SingleAsync());
        await Succeeds(Commands.SendAsync(justice, new AddTask(Number, EngagementId, "法律援助", null)));
        var incident = await App.WithDbAsync(db => db.Incidents.AsNoTracking().Include(i => i.Engagements).Include(i => i.Steps).SingleAsync(i => i.Number == Number));
        TaskId = incident.Engagements.Single().Tasks[^1].Id;
        StepId = incident.Steps.Single(s => s.Kind == PlanStepKind.WrittenReport).Id;
        TownId = incident.TownId;
        await Succeeds(Commands.SendAsync(officer, new ImportWorkers(Number, [new WorkerClaim("王小明", IdNumber("32058319900101123"), "13800000000", Money.FromYuan(6000))])));
        WorkerId = await App.WithDbAsync(db => db.WorkerClaims.Select(w => w.Id).SingleAsync());
        await Succeeds(Commands.SendAsync(officer, new RecordRecovery(Number, WorkerId, Money.FromYuan(1000), RecoverySource.Employer, "首笔")));
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers.Values)
        {
            (await browser).Dispose();
        }

        App.Dispose();
    }

    private static async Task Succeeds(Task<CommandResult> sent)
    {
        var result = await sent;
        Assert.True(result.Succeeded, result.ErrorCode);
    }
}
