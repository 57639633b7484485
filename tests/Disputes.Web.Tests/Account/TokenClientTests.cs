using System.Net;
using System.Net.Http.Json;
using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Account.Sessions;
using Disputes.Web.Realtime;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Account;

/// <summary>
/// Hub clients that are not browsers: a 15-minute bearer token and a refresh token that is used once, stored hashed and
/// revocable; and a real hub connection that is closed when its user is disabled.
/// </summary>
public sealed class TokenClientTests(DisputesAppFactory app) : IClassFixture<DisputesAppFactory>
{
    [Fact]
    public async Task A_token_lives_fifteen_minutes_and_its_refresh_token_buys_the_next_pair_once()
    {
        var userName = await TestUsers.NewAsync(app);
        var first = await TokensAsync(userName);
        Assert.Equal(15 * 60, first.ExpiresIn);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(first.AccessToken)).StatusCode);
        // Only the hash is stored.
        Assert.False(await app.WithDbAsync(db => db.RefreshTokens.AnyAsync(t => t.Hash == first.RefreshToken)));

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await NegotiateAsync(first.AccessToken)).StatusCode);

        var second = await RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var pair = (await second.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.NotEqual(first.RefreshToken, pair.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(pair.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_presented_twice_ends_the_session_for_both_holders()
    {
        var userName = await TestUsers.NewAsync(app);
        var first = await TokensAsync(userName);
        var client = (await (await RefreshAsync(first.RefreshToken)).Content.ReadFromJsonAsync<TokenResponse>())!;

        // Someone replays the copy they took of the first refresh token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first.RefreshToken)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NegotiateAsync(client.AccessToken)).StatusCode);
        Assert.Equal(SessionEndReason.TokenReused, await app.WithDbAsync(db => db.UserSessions
            .Where(s => s.User!.UserName == userName).Select(s => s.EndReason).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.SecurityEvents.AnyAsync(e => e.Type == SecurityEventType.TokenReused && e.UserName == userName)));
    }

    [Fact]
    public async Task The_security_administrator_revokes_one_client_and_its_refresh_token_dies_with_it()
    {
        var userName = await TestUsers.NewAsync(app);
        var revoked = await TokensAsync(userName);
        var kept = await TokensAsync(userName);
        var session = await app.WithDbAsync(db => db.RefreshTokens.Where(t => t.Hash == UserSessions.Hash(revoked.RefreshToken)).Select(t => t.SessionId).SingleAsync());

        Assert.True(await app.Services.GetRequiredService<UserAdministration>().EndSessionAsync(session, await TestUsers.IdOfAsync(app, "security")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(revoked.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NegotiateAsync(revoked.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(kept.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_users_open_hub_connection_is_closed_at_the_next_check()
    {
        var userName = await TestUsers.NewAsync(app);
        var tokens = await TokensAsync(userName);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, IncidentsHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(tokens.AccessToken);
            })
            .Build();
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        var watch = app.Services.GetRequiredService<HubSessionWatch>();
        Assert.True(watch.Count >= 1);

        // A check with the session alive closes nothing.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await Task.Delay(300);
        Assert.Equal(HubConnectionState.Connected, connection.State);

        Assert.True(await app.Services.GetRequiredService<UserAdministration>().SetActiveAsync(await TestUsers.IdOfAsync(app, userName), false, await TestUsers.IdOfAsync(app, "security")));
        app.Clock.Advance(TimeSpan.FromSeconds(31));

        var ended = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(closed.Task, ended);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        // And it cannot come back with the token it holds.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_token_from_a_session_that_ended_cannot_open_a_connection()
    {
        var userName = await TestUsers.NewAsync(app);
        var tokens = await TokensAsync(userName);
        await app.Services.GetRequiredService<UserSessions>().EndAllAsync(await TestUsers.IdOfAsync(app, userName), SessionEndReason.Revoked);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, IncidentsHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(tokens.AccessToken);
            })
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        // The negotiation passes (the token itself is valid); the hub refuses the session and closes the connection.
        try
        {
            await connection.StartAsync();
        }
        catch (Exception)
        {
            closed.TrySetResult();
        }

        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task A_made_up_refresh_token_is_refused(string refreshToken)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refreshToken)).StatusCode);
    }

    // ---- helpers ----

    private async Task<TokenResponse> TokensAsync(string userName)
    {
        var response = await app.CreateClient().PostAsJsonAsync(AccountHostingExtensions.TokenPath, new { userName, password = SignIn.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.CreateClient().PostAsJsonAsync(AccountHostingExtensions.RefreshPath, new { refreshToken });

    /// <summary>The hub's negotiation: what a client's first request with its bearer token gets.</summary>
    private Task<HttpResponseMessage> NegotiateAsync(string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client.PostAsync(IncidentsHub.Path + "/negotiate?negotiateVersion=1", null);
    }


}
