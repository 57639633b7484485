using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Disputes.Web.Tests.Hostile;

/// <summary>
/// The public hub <c>/hubs/incidents</c>, through a real SignalR client on the test server and through raw long-polling
/// frames: methods that do not exist (the server's own lifecycle methods and the message it sends among them), wrong
/// types and unknown enum values, malformed and oversized frames, forged tokens. The hub answers with an error or closes
/// that one connection; no other client hears anything forged, the server keeps serving, and nothing is written.
/// </summary>
public sealed class HostileHubTests(HostileCity city) : IClassFixture<HostileCity>
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>What a client may try to call: nothing is callable on this hub.</summary>
    private static readonly Dictionary<string, (string Method, object?[] Arguments)> Invocations = new()
    {
        ["unknown-method"] = ("Bogus", []),
        ["the-servers-own-message"] = (IncidentsHub.IncidentChanged,
            [new { number = "ZP-2026-0001", kind = "Bogus", townId = 99, by = HostileText.Script, atUtc = "9999-12-31T23:59:59Z" }]),
        ["the-servers-own-message-with-an-unknown-kind-number"] = (IncidentsHub.IncidentChanged, [new { number = "ZP-2026-0001", kind = 99, townId = "city" }]),
        ["on-connected"] = (nameof(Hub.OnConnectedAsync), []),
        ["on-disconnected"] = (nameof(Hub.OnDisconnectedAsync), [null]),
        ["dispose"] = (nameof(Hub.Dispose), []),
        ["add-to-group"] = ("AddToGroupAsync", ["city"]),
        ["join-a-town-group"] = ("JoinGroup", ["town:1"]),
        ["script-name"] = (HostileText.Script, []),
        ["sql-name"] = (HostileText.Sql, []),
        ["control-characters-in-the-name"] = ("incident\0Changed\u001b", []),
        ["wrong-types"] = ("Bogus", [99, "Bogus", true, null, double.MaxValue, new[] { long.MaxValue }]),
        ["unknown-enum-values"] = ("Subscribe", [new { stage = "Bogus", grade = 99, kind = -1 }]),
    };

    /// <summary>Frames no SignalR client writes, posted after a sound handshake.</summary>
    private static readonly Dictionary<string, string> Frames = new()
    {
        ["not-json"] = "not json" + RecordSeparator,
        ["cut-short"] = "{\"type\":1,\"target\":\"Bogus\",\"arguments\":[" + RecordSeparator,
        ["no-separator"] = "{\"type\":1,\"target\":\"Bogus\",\"arguments\":[]}",
        ["unknown-message-type"] = "{\"type\":99}" + RecordSeparator,
        ["type-a-string"] = "{\"type\":\"invocation\",\"target\":\"Bogus\"}" + RecordSeparator,
        ["invocation-without-target"] = "{\"type\":1,\"arguments\":[]}" + RecordSeparator,
        ["target-empty"] = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"\",\"arguments\":[]}" + RecordSeparator,
        ["target-a-number"] = "{\"type\":1,\"target\":5,\"arguments\":[]}" + RecordSeparator,
        ["arguments-not-an-array"] = "{\"type\":1,\"target\":\"Bogus\",\"arguments\":\"x\"}" + RecordSeparator,
        ["stream-invocation"] = "{\"type\":4,\"invocationId\":\"1\",\"target\":\"incidentChanged\",\"arguments\":[]}" + RecordSeparator,
        ["cancel-of-nothing"] = "{\"type\":5,\"invocationId\":\"nope\"}" + RecordSeparator,
        ["completion-from-the-client"] = "{\"type\":3,\"invocationId\":\"1\",\"result\":1}" + RecordSeparator,
        ["close-with-markup"] = "{\"type\":7,\"error\":\"" + HostileText.ImgOnError.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}" + RecordSeparator,
        ["nul-bytes"] = "\0\0\0" + RecordSeparator,
        ["control-characters"] = "\u0007\u001b[2J" + RecordSeparator,
        ["deep-nesting"] = new string('[', 5_000) + new string(']', 5_000) + RecordSeparator,
        ["a-megabyte"] = "{\"type\":1,\"target\":\"Bogus\",\"arguments\":[\"" + new string('a', 1 << 20) + "\"]}" + RecordSeparator,
        ["many-frames-at-once"] = string.Concat(Enumerable.Repeat("{\"type\":1,\"target\":\"Bogus\",\"arguments\":[]}" + RecordSeparator, 2_000)),
    };

    /// <summary>Tokens no sign-in handed out: the hub refuses them as it refuses no token.</summary>
    private static readonly Dictionary<string, string> Tokens = new()
    {
        ["script"] = HostileText.Script,
        ["sql"] = "' OR 1=1 --",
        ["a-megabyte"] = new string('a', 1 << 20),
        ["three-dots"] = "a.b.c",
        ["json"] = "{\"alg\":\"none\"}",
        ["control-characters"] = "tok\u0007en",
    };

    public static TheoryData<string> InvocationCases() => [.. Invocations.Keys];

    public static TheoryData<string> FrameCases() => [.. Frames.Keys];

    public static TheoryData<string> TokenCases() => [.. Tokens.Keys];

    [Theory]
    [MemberData(nameof(InvocationCases))]
    public async Task Calling_the_hub_is_refused_and_no_other_client_hears_anything(string name)
    {
        var (method, arguments) = Invocations[name];
        await using var bystander = await ListenAsync("duty");
        await using var caller = await ListenAsync("zp.officer");
        var before = await Outcome.RowsAsync(city.App);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => caller.Connection.InvokeCoreAsync(method, typeof(object), arguments));
        await Task.Delay(Quiet);

        Assert.IsType<HubException>(refused);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, caller.Connection.State);
        Assert.Empty(bystander.Received);
        Assert.Empty(caller.Received);
        await Outcome.NoRowsWrittenAsync(city.App, before);
    }

    [Theory]
    [MemberData(nameof(FrameCases))]
    public async Task A_malformed_frame_closes_at_most_its_own_connection_and_the_hub_keeps_serving(string name)
    {
        await using var bystander = await ListenAsync("duty");
        using var raw = city.App.CreateClient();
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await city.TokenAsync("zp.officer"));
        var negotiate = await raw.PostAsync($"{IncidentsHub.Path}/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var id = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        var connection = $"{IncidentsHub.Path}?id={id}";
        Assert.Equal(HttpStatusCode.OK, (await raw.GetAsync(connection)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await raw.PostAsync(connection, Text("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator))).StatusCode);
        var before = await Outcome.RowsAsync(city.App);

        var posted = await raw.PostAsync(connection, Text(Frames[name]));
        using var poll = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answered = await raw.GetAsync(connection, poll.Token);

        Outcome.NotServerError(posted, "the frame's post");
        Outcome.NotServerError(answered, "the next poll");
        Assert.DoesNotContain("   at ", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, bystander.Connection.State);
        Assert.Empty(bystander.Received);
        await Outcome.NoRowsWrittenAsync(city.App, before);
        await using var next = await ListenAsync("zp.officer");
        Assert.Equal(HubConnectionState.Connected, next.Connection.State);
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public async Task A_forged_token_is_refused_as_no_token(string name)
    {
        var connection = Connection(Tokens[name]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task After_hostile_calls_a_real_change_still_reaches_the_caller()
    {
        await using var caller = await ListenAsync("zp.officer");
        foreach (var (method, arguments) in Invocations.Values)
        {
            await Assert.ThrowsAsync<HubException>(() => caller.Connection.InvokeCoreAsync(method, typeof(object), arguments));
        }

        var duty = await Actors.ForAsync(city.App, "duty");
        var result = await city.Commands.SendAsync(duty, new Disputes.Web.Features.Incidents.Commands.AddProgressNote(city.Number, "真实续报"));
        Assert.True(result.Succeeded, result.ErrorCode);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (caller.Received.IsEmpty)
        {
            await Task.Delay(50, wait.Token);
        }

        var heard = Assert.Single(caller.Received);
        Assert.Equal((city.Number, "Note"), (heard.Number, heard.Kind));
    }

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private async Task<Listener> ListenAsync(string userName)
    {
        var connection = Connection(await city.TokenAsync(userName));
        var listener = new Listener(connection);
        connection.On<IncidentChangeMessage>(IncidentsHub.IncidentChanged, listener.Received.Enqueue);
        await connection.StartAsync();
        return listener;
    }

    private HubConnection Connection(string accessToken) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(city.App.Server.BaseAddress, IncidentsHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => city.App.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .Build();

    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        public HubConnection Connection { get; } = connection;

        public ConcurrentQueue<IncidentChangeMessage> Received { get; } = new();

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
