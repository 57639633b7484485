using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Hosting;
using Hangfire;
using Hangfire.InMemory;

namespace Disputes.Web.Jobs;

public enum JobStorageKind
{
    InMemory,
    SqlServer,
}

public static class JobsHostingExtensions
{
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire is only a trigger: due times live in the database, so the embedded in-memory store may forget
    /// its jobs on restart. Storage follows the database provider unless <c>Hangfire:Storage</c> says otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddDisputesJobs(this IHostApplicationBuilder builder)
    {
        var storage = StorageOf(builder.Configuration);

        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage == JobStorageKind.SqlServer)
            {
                config.UseSqlServerStorage(builder.Configuration.GetConnectionString("Hangfire") ?? builder.Configuration.GetConnectionString("Disputes"));
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            }
        });
        builder.Services.AddHangfireServer(server =>
        {
            // The default 15 s polling would make every timer up to 15 s late.
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            server.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
        });
        return builder;
    }

    public static JobStorageKind StorageOf(IConfiguration configuration)
    {
        var provider = configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        return configuration.GetValue("Hangfire:Storage", provider == DatabaseProvider.SqlServer ? JobStorageKind.SqlServer : JobStorageKind.InMemory);
    }

    /// <summary>The dashboard, for administrators only (endpoint authorization; Hangfire's own local-only filter is replaced by it).</summary>
    public static void MapDisputesJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
            {
                Authorization = [],
                DashboardTitle = "Disputes · Hangfire",
                AppPath = "/",
            })
            .RequireAuthorization(Policies.Administrator);
}
