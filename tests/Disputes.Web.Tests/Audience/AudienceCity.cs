using System.Collections.Concurrent;
using System.Net.Http.Json;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Audience;

/// <summary>
/// The audience rule's test city: every demo user (and one who is both a town officer and a liaison), six incidents of
/// every kind of visibility — own town, other town, engaged at city level, engaged through a town branch, not engaged —
/// and what each user must see of them (<see cref="Expected"/>: the rule as DESIGN.md states it).
/// </summary>
public static class AudienceCity
{
    public const string DualUser = "ys.dual";

    public static readonly string[] Users = ["zp.officer", "zp.chair", "ys.officer", "labor.liaison", "zp.justice", "duty", "leader", "admin", "security", "auditor", DualUser];

    /// <summary>DESIGN.md: the administrators see no case content, anywhere.</summary>
    public static readonly string[] Administrators = ["admin", "security", "auditor"];

    /// <summary>The incidents by name: who logs each, at which enterprise, with which department engaged.</summary>
    public static readonly (string Name, string Officer, string Enterprise, DepartmentKind? Engage)[] Incidents =
    [
        ("zp-none", "zp.officer", "昆山科家塑胶有限公司", null),
        ("ys-none", "ys.officer", "昆山华富电子有限公司", null),
        ("zp-petition", "zp.officer", "昆山斌沛电子有限公司", DepartmentKind.Petition),
        ("zp-justice", "zp.officer", "昆山南吉山塑料包装厂", DepartmentKind.Justice),
        ("ys-labour", "ys.officer", "富士康（昆山）电脑接插件有限公司", DepartmentKind.LaborInspection),
        ("ys-justice", "ys.officer", "昆山华富电子有限公司", DepartmentKind.Justice),
    ];

    /// <summary>What each user must see, by the incidents' names: the rule as DESIGN.md states it.</summary>
    public static readonly Dictionary<string, string[]> Expected = new()
    {
        ["zp.officer"] = ["zp-none", "zp-petition", "zp-justice"],
        ["zp.chair"] = ["zp-none", "zp-petition", "zp-justice"],
        ["ys.officer"] = ["ys-none", "ys-labour", "ys-justice"],
        ["labor.liaison"] = ["ys-labour"],
        ["zp.justice"] = ["zp-justice"],
        ["duty"] = ["zp-none", "ys-none", "zp-petition", "zp-justice", "ys-labour", "ys-justice"],
        ["leader"] = ["zp-none", "ys-none", "zp-petition", "zp-justice", "ys-labour", "ys-justice"],
        ["admin"] = [],
        ["security"] = [],
        ["auditor"] = [],
        [DualUser] = ["ys-none", "ys-labour", "ys-justice"],
    };

    public static bool Sees(string user, string incident) => Expected[user].Contains(incident);

    /// <summary>The description an incident is logged with: its own, so a page showing it can be told from one that does not.</summary>
    public static string Description(string incident) => $"可见范围核对（{incident}）";

    /// <summary>Adds the dual user, then logs the six incidents; the incidents' numbers by name.</summary>
    public static async Task<Dictionary<string, string>> BuildAsync(DisputesAppFactory app)
    {
        await AddDualUserAsync(app);
        var numbers = new Dictionary<string, string>();
        foreach (var (name, officer, enterprise, engage) in Incidents)
        {
            numbers[name] = await LogAsync(app, officer, enterprise, Description(name), engage);
        }

        return numbers;
    }

    /// <summary>A town officer of Yushan who also answers as the Yushan justice office's liaison: two grants, one union.</summary>
    private static async Task AddDualUserAsync(DisputesAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DisputesDbContext>();
        var yushan = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.TownUnion && o.Code == "YS");
        var office = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.DepartmentBranch && o.Department == DepartmentKind.Justice && o.TownId == yushan.Id);
        var user = new AppUser { UserName = DualUser, DisplayName = "双岗测试", OrganisationId = office.Id, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, SignIn.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, [Roles.TownOfficer, Roles.DepartmentLiaison])).Succeeded);
    }

    private static async Task<string> LogAsync(DisputesAppFactory app, string userName, string enterprise, string description, DepartmentKind? engage)
    {
        var actor = await Actors.ForAsync(app, userName);
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var result = await commands.LogAsync(actor, new LogIncidentCommand(Guid.NewGuid(), id, null,
            IncidentType.Other, 12, Money.FromYuan(80_000), 2, "厂区", AggravatingFacts.None, description, null));
        Assert.True(result.Succeeded, result.ErrorCode);
        if (engage is { } department)
        {
            Assert.True((await commands.SendAsync(actor, new EngageDepartments(result.Number!, [department]))).Succeeded);
        }

        return result.Number!;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>A real hub connection of the user (bearer token, long polling through the test server), keeping what it receives.</summary>
    public static async Task<Listener> ListenAsync(DisputesAppFactory app, string userName)
    {
        var token = await app.CreateClient().PostAsJsonAsync("/account/token", new { userName, password = SignIn.DemoPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, IncidentsHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult(accessToken);
            })
            .Build();
        var listener = new Listener(connection);
        connection.On<IncidentChangeMessage>(IncidentsHub.IncidentChanged, m => listener.Received.Enqueue(m));
        await connection.StartAsync();
        return listener;
    }

    public sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public ConcurrentQueue<IncidentChangeMessage> Received { get; } = new();

        /// <summary>The incidents whose probe note reached this connection.</summary>
        public IReadOnlySet<string> Numbers() => Received.Where(m => m.Kind == nameof(IncidentChangeKind.Note)).Select(m => m.Number).ToHashSet();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
