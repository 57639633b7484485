using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Disputes.Web.Realtime;

/// <summary>
/// The public hub for other clients (a duty-room wall display, another city system). Each connection joins
/// exactly one group that follows from who signed in — city-wide, its town, its office or its department —
/// so it hears exactly what the queries would show it. Cookie or bearer token.
/// </summary>
[Authorize(AuthenticationSchemes = Schemes)]
public sealed class IncidentsHub : Hub
{
    public const string Path = "/hubs/incidents";
    public const string Schemes = "Identity.Application,Identity.Bearer";

    /// <summary>The one message: <c>incidentChanged</c> with an <see cref="IncidentChangeMessage"/>.</summary>
    public const string IncidentChanged = "incidentChanged";

    public const string CityGroup = "city";

    public static string? GroupFor(Actor actor) =>
        actor.SeesWholeCity ? CityGroup
        : actor.IsTownUser && actor.TownId is { } town ? $"town:{town}"
        : actor.IsIn(Domain.Roles.DepartmentLiaison) && actor.OrganisationKind == OrganisationKind.Department && actor.Department is { } d ? $"dept:{d}"
        : actor.IsIn(Domain.Roles.DepartmentLiaison) ? $"org:{actor.OrganisationId}"
        : null;

    /// <summary>Every group that may hear of a change; a connection is in one of them at most.</summary>
    public static IReadOnlyList<string> GroupsFor(IncidentChange change) =>
    [
        CityGroup,
        $"town:{change.TownId}",
        .. change.EngagedOrganisations.Select(o => $"org:{o}"),
        .. change.EngagedDepartments.Select(d => $"dept:{d}"),
    ];

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.ActorOf() is { } actor && GroupFor(actor) is { } group)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>What hub clients receive. Times are UTC (ISO 8601).</summary>
public sealed record IncidentChangeMessage(string Number, string Kind, int TownId, string By, DateTime AtUtc)
{
    public static IncidentChangeMessage From(IncidentChange change) =>
        new(change.Number, change.Kind.ToString(), change.TownId, change.By, change.AtUtc);
}

/// <summary>Forwards every change this process hears (its own or another instance's) to its own hub connections.</summary>
public sealed class HubRelay(IncidentEvents events, IHubContext<IncidentsHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(change =>
            hub.Clients.Groups(IncidentsHub.GroupsFor(change)).SendAsync(IncidentsHub.IncidentChanged, IncidentChangeMessage.From(change)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
