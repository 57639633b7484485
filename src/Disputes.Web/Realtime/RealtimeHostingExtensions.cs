using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Disputes.Web.Realtime;

public static class RealtimeHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(hub =>
        {
            // Clients of the public hub only listen: past the handshake they send pings and nothing else.
            hub.MaximumReceiveMessageSize = 4 * 1024;
            // As the circuits' hub: SignalR clients' default server timeout is 30 s and they ping every 15 s.
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            hub.KeepAliveInterval = TimeSpan.FromSeconds(15);
            hub.HandshakeTimeout = TimeSpan.FromSeconds(15);
            hub.MaximumParallelInvocationsPerClient = 1;
            hub.StreamBufferCapacity = 10;
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

    public static void MapDisputesRealtime(this WebApplication app) => app.MapHub<IncidentsHub>(IncidentsHub.Path);
}
