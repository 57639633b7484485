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
/// The one audience rule, read three ways, must give one answer: the database query, the live-message filter and the
/// hub groups a real connection joins. Every demo user (and one who is both a town officer and a liaison) against
/// incidents of every kind: own town, other town, engaged at city level, engaged through a town branch, not engaged.
/// </summary>
public sealed class AudienceParityTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private const string DualUser = "ys.dual";

    private static readonly string[] Users = ["zp.officer", "zp.chair", "ys.officer", "labor.liaison", "zp.justice", "duty", "leader", "admin", "security", "auditor", DualUser];

    /// <summary>What each user must see, by the incidents' names below: the rule as DESIGN.md states it.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["zp.officer"] = ["zp-none", "zp-petition", "zp-justice"],
        ["zp.chair"] = ["zp-none", "zp-petition", "zp-justice"],
        ["ys.officer"] = ["ys-none", "ys-labour", "ys-justice"],
        ["labor.liaison"] = ["ys-labour"],
        ["zp.justice"] = ["zp-justice"],
        ["duty"] = ["zp-none", "ys-none", "zp-petition", "zp-justice", "ys-labour", "ys-justice"],
        ["leader"] = ["zp-none", "ys-none", "zp-petition", "zp-justice", "ys-labour", "ys-justice"],
        // DESIGN.md: the administrators see no case content.
        ["admin"] = [],
        ["security"] = [],
        ["auditor"] = [],
        [DualUser] = ["ys-none", "ys-labour", "ys-justice"],
    };

    [Fact]
    public async Task The_query_the_live_filter_and_the_hub_groups_agree_for_every_user_and_kind_of_incident()
    {
        await AddDualUserAsync();
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var incidents = new Dictionary<string, string>
        {
            ["zp-none"] = await LogAsync("zp.officer", "昆山科家塑胶有限公司"),
            ["ys-none"] = await LogAsync("ys.officer", "昆山华富电子有限公司"),
            ["zp-petition"] = await LogAsync("zp.officer", "昆山斌沛电子有限公司", DepartmentKind.Petition),
            ["zp-justice"] = await LogAsync("zp.officer", "昆山南吉山塑料包装厂", DepartmentKind.Justice),
            ["ys-labour"] = await LogAsync("ys.officer", "富士康（昆山）电脑接插件有限公司", DepartmentKind.LaborInspection),
            ["ys-justice"] = await LogAsync("ys.officer", "昆山华富电子有限公司", DepartmentKind.Justice),
        };
        var names = incidents.ToDictionary(kv => kv.Value, kv => kv.Key);

        var listeners = new Dictionary<string, Listener>();
        foreach (var user in Users)
        {
            listeners[user] = await ListenAsync(user);
        }

        var changes = new ConcurrentQueue<IncidentChange>();
        using (app.Services.GetRequiredService<IncidentEvents>().Subscribe(change =>
               {
                   changes.Enqueue(change);
                   return Task.CompletedTask;
               }))
        {
            var duty = await Actors.ForAsync(app, "duty");
            foreach (var number in incidents.Values)
            {
                Assert.True((await commands.SendAsync(duty, new AddProgressNote(number, "核对可见范围"))).Succeeded);
            }

            await WaitUntilAsync(() => listeners["duty"].Numbers().Count == incidents.Count && changes.Count >= incidents.Count);
            await Task.Delay(300);
        }

        foreach (var user in Users)
        {
            var actor = await Actors.ForAsync(app, user);
            var byQuery = await app.WithDbAsync(db => db.Incidents.VisibleTo(actor).Where(i => incidents.Values.Contains(i.Number)).Select(i => i.Number).ToListAsync());
            var byLiveFilter = changes.Where(c => names.ContainsKey(c.Number) && c.IsVisibleTo(actor)).Select(c => c.Number).Distinct();
            var byHub = listeners[user].Numbers().Where(names.ContainsKey);

            var expected = Expected[user].Order().ToList();
            Assert.True(expected.SequenceEqual(byQuery.Select(n => names[n]).Order()), $"{user}: query gave {string.Join(",", byQuery.Select(n => names[n]))}");
            Assert.True(expected.SequenceEqual(byLiveFilter.Select(n => names[n]).Order()), $"{user}: live filter gave {string.Join(",", byLiveFilter.Select(n => names[n]))}");
            Assert.True(expected.SequenceEqual(byHub.Select(n => names[n]).Order()), $"{user}: hub gave {string.Join(",", byHub.Select(n => names[n]))}");
        }

        foreach (var listener in listeners.Values)
        {
            await listener.DisposeAsync();
        }
    }

    /// <summary>A town officer of Yushan who also answers as the Yushan justice office's liaison: two grants, one union.</summary>
    private async Task AddDualUserAsync()
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

    private async Task<string> LogAsync(string userName, string enterprise, DepartmentKind? engage = null)
    {
        var actor = await Actors.ForAsync(app, userName);
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var commands = app.Services.GetRequiredService<IncidentCommands>();
        var result = await commands.LogAsync(actor, new LogIncidentCommand(Guid.NewGuid(), id, null,
            IncidentType.Other, 12, Money.FromYuan(80_000), 2, "厂区", AggravatingFacts.None, "可见范围核对", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        if (engage is { } department)
        {
            Assert.True((await commands.SendAsync(actor, new EngageDepartments(result.Number!, [department]))).Succeeded);
        }

        return result.Number!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private async Task<Listener> ListenAsync(string userName)
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

    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public ConcurrentQueue<IncidentChangeMessage> Received { get; } = new();

        /// <summary>The incidents whose probe note reached this connection.</summary>
        public IReadOnlySet<string> Numbers() => Received.Where(m => m.Kind == nameof(IncidentChangeKind.Note)).Select(m => m.Number).ToHashSet();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
