using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Disputes.Web.Realtime;

public static class RealtimeHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
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
