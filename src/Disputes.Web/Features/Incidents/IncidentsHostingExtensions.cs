namespace Disputes.Web.Features.Incidents;

public static class IncidentsHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesIncidents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IncidentCommands>();
        builder.Services.AddSingleton<IncidentNarrator>();
        builder.Services.AddSingleton<AttachmentUploads>();
        return builder;
    }
}
