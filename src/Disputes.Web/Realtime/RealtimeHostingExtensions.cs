using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Disputes.Web.Realtime;

public static class RealtimeHostingExtensions
{
    /// <summary>
    /// What both hubs, the circuits' and the public one, hold to: SignalR and blazor.web.js clients give up on a server
    /// they have not heard from for 30 s and ping every 15 s, so these match them; a client's calls run one at a time
    /// (a circuit handles its events in order anyway, and the public hub's clients only listen).
    /// </summary>
    public static void ApplyConnectionLimits(Microsoft.AspNetCore.SignalR.HubOptions hub)
    {
        hub.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        hub.KeepAliveInterval = TimeSpan.FromSeconds(15);
        hub.HandshakeTimeout = TimeSpan.FromSeconds(15);
        hub.MaximumParallelInvocationsPerClient = 1;
        hub.StreamBufferCapacity = 10;
    }

    public static IHostApplicationBuilder AddDisputesRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(hub =>
        {
            // Clients of the public hub only listen: past the handshake they send pings and nothing else.
            hub.MaximumReceiveMessageSize = 4 * 1024;
            ApplyConnectionLimits(hub);
            hub.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton<IncidentEvents>();
        builder.Services.AddSingleton<Presence>();
        builder.Services.AddHostedService<HubRelay>();
        builder.Services.AddScoped<ReconnectNotifier>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<ReconnectNotifier>());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Redis:Configuration"]))
        {
            builder.Services.AddHostedService<RedisRelay>();
        }

        return builder;
    }

    /// <summary>A connection ends with its credentials: a bearer token's 15 minutes, a cookie's session (see HubSessionWatch).</summary>
    public static void MapDisputesRealtime(this WebApplication app) =>
        app.MapHub<IncidentsHub>(IncidentsHub.Path, connection => connection.CloseOnAuthenticationExpiration = true);
}
