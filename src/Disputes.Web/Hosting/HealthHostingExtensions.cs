using Disputes.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Disputes.Web.Hosting;

public static class HealthHostingExtensions
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddDisputesHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<DisputesDbContext>("database", tags: [Ready]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: it can reach its database.</summary>
    public static void MapDisputesHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }
}
