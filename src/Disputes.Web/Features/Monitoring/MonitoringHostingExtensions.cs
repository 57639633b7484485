namespace Disputes.Web.Features.Monitoring;

public static class MonitoringHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesMonitoring(this IHostApplicationBuilder builder)
    {
        // One feed per process: the open walls of an audience and period share their figures.
        builder.Services.AddSingleton<WallQueries>().AddSingleton<WallFeed>();
        return builder;
    }
}
