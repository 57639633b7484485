using Disputes.Domain.Incidents;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Account.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Disputes.Web.Realtime;

/// <summary>
/// The public hub for other clients (a duty-room wall display, another city system). Each connection joins the
/// groups of its user's audience grant (<see cref="IncidentAudience"/>: city-wide, its town, its office, its
/// department), and each change goes to its incident's audience groups, so it hears exactly what the queries would
/// show it. Cookie or bearer token.
/// </summary>
[Authorize(AuthenticationSchemes = Schemes)]
public sealed class IncidentsHub(UserSessions sessions, HubSessionWatch watch) : Hub
{
    public const string Path = "/hubs/incidents";
    public const string Schemes = "Identity.Application,Identity.Bearer";

    /// <summary>The one message: <c>incidentChanged</c> with an <see cref="IncidentChangeMessage"/>.</summary>
    public const string IncidentChanged = "incidentChanged";

    public override async Task OnConnectedAsync()
    {
        // A cookie was checked against its session on the way in; a bearer token only here. Either way the watch then
        // closes the connection when the session ends.
        if (UserSessions.IdOf(Context.User) is not { } session || !await sessions.IsLiveAsync(session, activity: false))
        {
            Context.Abort();
            return;
        }

        watch.Add(Context, session);
        if (Context.User?.ActorOf() is { } actor)
        {
            foreach (var group in IncidentAudience.GrantOf(actor).Groups)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group);
            }
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watch.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What hub clients receive. Times are UTC (ISO 8601).</summary>
public sealed record IncidentChangeMessage(string Number, string Kind, int TownId, string By, DateTime AtUtc)
{
    public static IncidentChangeMessage From(IncidentChange change) =>
        new(change.Number, change.Kind.ToString(), change.Audience.TownId, change.By, change.AtUtc);
}

/// <summary>Forwards every change this process hears (its own or another instance's) to its own hub connections.</summary>
public sealed class HubRelay(IncidentEvents events, IHubContext<IncidentsHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(change =>
            hub.Clients.Groups(change.Audience.Groups).SendAsync(IncidentsHub.IncidentChanged, IncidentChangeMessage.From(change)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
