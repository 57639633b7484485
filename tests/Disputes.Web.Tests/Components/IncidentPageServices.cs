using Disputes.Data;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Features.PersonalData;
using Disputes.Web.Files;
using Disputes.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Disputes.Web.Tests.Components;

/// <summary>What the incident page and the log form take from a running app, for a bUnit context to render them on its real services.</summary>
public static class IncidentPageServices
{
    public static IServiceCollection AddIncidentPageServices(this IServiceCollection services, DisputesAppFactory app)
    {
        _ = app.Server;
        services.AddSingleton(app.Services.GetRequiredService<IncidentCommands>());
        services.AddSingleton(app.Services.GetRequiredService<IncidentNarrator>());
        services.AddSingleton(app.Services.GetRequiredService<IDbContextFactory<DisputesDbContext>>());
        services.AddSingleton(app.Services.GetRequiredService<AttachmentInspector>());
        services.AddSingleton(app.Services.GetRequiredService<IFileStore>());
        services.AddSingleton(app.Services.GetRequiredService<AttachmentUploads>());
        services.AddSingleton(app.Services.GetRequiredService<Disputes.Web.Realtime.IncidentEvents>());
        services.AddSingleton(app.Services.GetRequiredService<Disputes.Web.Realtime.Presence>());
        services.AddSingleton(app.Services.GetRequiredService<PersonalDataAccess>());
        services.AddScoped<Disputes.Web.Realtime.ReconnectNotifier>();
        return services;
    }
}
