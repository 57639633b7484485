namespace Disputes.Web.Features.Incidents;

public static class IncidentsHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesIncidents(this IHostApplicationBuilder builder)
    {
        // The write path, the narrator and the upload pipeline keep no per-user state: one of each per process.
        builder.Services.AddSingleton<IncidentCommands>().AddSingleton<IncidentNarrator>().AddSingleton<AttachmentUploads>();
        return builder;
    }
}
