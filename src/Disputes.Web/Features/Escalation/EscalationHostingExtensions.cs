using Disputes.Web.Jobs;
using Hangfire;

namespace Disputes.Web.Features.Escalation;

public static class EscalationHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesEscalation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EscalationEngine>();
        builder.Services.AddSingleton<EscalationScheduler>();
        builder.Services.AddSingleton<EscalationTimers>();
        builder.Services.AddTransient<EscalationJobs>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<NotificationCentre>();
        builder.Services.AddSingleton<INotificationChannel, InAppChannel>();
        builder.Services.AddSingleton<INotificationChannel, EmailChannel>();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        builder.Services.AddHostedService<EscalationStartup>();
        return builder;
    }
}

/// <summary>
/// At startup: registers the minute sweep, runs it once at once, and — on in-memory storage, which starts empty —
/// sets a trigger for every watched step from the due times in the database.
/// </summary>
internal sealed class EscalationStartup(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<EscalationStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        recurring.AddOrUpdate<EscalationJobs>(EscalationJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
        jobs.Enqueue<EscalationJobs>(j => j.SweepAsync(CancellationToken.None));
        if (JobsHostingExtensions.StorageOf(configuration) != JobStorageKind.InMemory)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EscalationJobs>().RebuildAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The minute sweep still escalates everything that falls due, only less promptly.
            logger.LogError(e, "Could not rebuild the escalation timers");
        }
    }
}
