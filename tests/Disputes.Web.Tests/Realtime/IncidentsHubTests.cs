using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Realtime;

/// <summary>Real hub connections to the real app: each client hears exactly what its user may see, and only after a commit.</summary>
public sealed class IncidentsHubTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Each_client_receives_exactly_the_events_its_organisation_may_see()
    {
        await using var zhangpu = await ListenAsync("zp.officer");
        await using var yushan = await ListenAsync("ys.officer");
        await using var labour = await ListenAsync("labor.liaison");
        await using var justiceZhangpu = await ListenAsync("zp.justice");
        await using var duty = await ListenAsync("duty");
        await using var leader = await ListenAsync("leader");

        var number = await LogAsync("zp.officer", "昆山科家塑胶有限公司");
        var officer = await Actors.ForAsync(app, "zp.officer");
        var service = app.Services.GetRequiredService<IncidentCommands>();
        Assert.True((await service.SendAsync(officer, new EngageDepartments(number, [DepartmentKind.LaborInspection]))).Succeeded);
        await Task.Delay(Quiet);

        Assert.Equal(["Logged", "StepCompleted"], zhangpu.KindsFor(number));
        Assert.Equal(["Logged", "StepCompleted"], duty.KindsFor(number));
        Assert.Equal(["Logged", "StepCompleted"], leader.KindsFor(number));
        Assert.Equal(["StepCompleted"], labour.KindsFor(number));
        Assert.Empty(justiceZhangpu.KindsFor(number));
        Assert.Empty(yushan.Received);
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        var number = await LogAsync("zp.officer", "昆山斌沛电子有限公司");
        await using var duty = await ListenAsync("duty");
        var officer = await Actors.ForAsync(app, "zp.officer");
        var service = app.Services.GetRequiredService<IncidentCommands>();

        // A change that the domain refuses half-way (an empty note after a valid one) never commits.
        var refused = await service.SendAsync(officer, new TwoNotes(number, "第一条", " "));
        // A stale edit is refused before anything is written.
        var stale = await service.SendAsync(officer, new CancelIncident(number, Guid.NewGuid(), "过期"));
        await Task.Delay(Quiet);

        Assert.False(refused.Succeeded);
        Assert.True(stale.IsConflict);
        Assert.Empty(duty.KindsFor(number));
        Assert.Equal(0, await app.WithDbAsync(db => db.TimelineEntries.CountAsync(t => t.Kind == TimelineKind.Note)));
    }

    [Fact]
    public async Task A_client_without_a_token_is_refused()
    {
        var connection = Connection(accessToken: null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.True(error.Message.Contains("401", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_token()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/account/token", new { userName = "duty", password = "wrong-password" });

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> LogAsync(string userName, string enterprise)
    {
        var actor = await Actors.ForAsync(app, userName);
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == enterprise).Select(e => e.Id).SingleAsync());
        var result = await app.Services.GetRequiredService<IncidentCommands>().LogAsync(actor, new LogIncidentCommand(Guid.NewGuid(), id, null,
            IncidentType.AbscondingOwner, 45, Money.FromYuan(380_000), 3, "厂区", AggravatingFacts.None, "老板失联", null));
        Assert.True(result.Succeeded, result.ErrorCode);
        return result.Number!;
    }

    private async Task<Listener> ListenAsync(string userName)
    {
        var token = await app.CreateClient().PostAsJsonAsync("/account/token", new { userName, password = SignIn.DemoPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        var connection = Connection(accessToken);
        var listener = new Listener(connection);
        connection.On<IncidentChangeMessage>(IncidentsHub.IncidentChanged, listener.Received.Enqueue);
        await connection.StartAsync();
        return listener;
    }

    private HubConnection Connection(string? accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, IncidentsHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (accessToken is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                }
            })
            .Build();

    private sealed record TokenResponse(string AccessToken)
    {
        [System.Text.Json.Serialization.JsonPropertyName("accessToken")]
        public string AccessToken { get; init; } = AccessToken;
    }

    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public ConcurrentQueue<IncidentChangeMessage> Received { get; } = new();

        public IReadOnlyList<string> KindsFor(string number) => Received.Where(m => m.Number == number).Select(m => m.Kind).ToList();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

/// <summary>A command the domain refuses half-way: the first note is raised, the second is refused, nothing is saved.</summary>
internal sealed record TwoNotes(string Number, string First, string Second) : IncidentCommand(Number)
{
    internal override void Apply(Incident incident, Actor actor, IncidentContext context)
    {
        incident.AddProgressNote(actor, First, context.Playbook, context.NowUtc);
        incident.AddProgressNote(actor, Second, context.Playbook, context.NowUtc);
    }
}
