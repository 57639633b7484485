using Hangfire;

namespace Disputes.Web.Features.Escalation;

/// <summary>
/// What Hangfire runs. Arguments are ids, never entities; each run re-reads the database, so Hangfire's at-least-once
/// delivery, an early trigger, a retried failure or two instances running the same job all come to one escalation.
/// </summary>
public sealed class EscalationJobs(EscalationEngine engine, EscalationScheduler scheduler, TimeProvider clock)
{
    public const string SweepJobId = "escalation-sweep";

    public async Task EscalateStepAsync(Guid stepId, CancellationToken cancellationToken)
    {
        var outcome = await engine.EscalateStepAsync(stepId, cancellationToken);

        // Early: set the trigger again for the remainder. After writing a level: set it for the next one. When another
        // run wrote the level, that run has set the next trigger.
        if (outcome.NextDueAtUtc is { } next && (outcome.Early || outcome.Escalated.Count > 0))
        {
            scheduler.Schedule(stepId, next);
        }
    }

    public Task AlertMajorIncidentAsync(int incidentId, CancellationToken cancellationToken) =>
        engine.AlertMajorIncidentAsync(incidentId, cancellationToken);

    /// <summary>Every minute: escalates whatever is due and not written, whatever became of its trigger.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var (steps, major) = await engine.FindMissedAsync(cancellationToken);
        foreach (var incidentId in major)
        {
            await engine.AlertMajorIncidentAsync(incidentId, cancellationToken);
        }

        foreach (var stepId in steps)
        {
            await EscalateStepAsync(stepId, cancellationToken);
        }
    }

    /// <summary>
    /// Sets a trigger for every watched step still to fall due: after a restart on in-memory storage, which forgot the
    /// jobs. What fell due while the app was down is left to the sweep enqueued at start, so the two do not race for it.
    /// </summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (stepId, dueAtUtc) in await engine.WatchedStepsAsync(cancellationToken))
        {
            if (dueAtUtc > now)
            {
                scheduler.Schedule(stepId, dueAtUtc);
            }
        }
    }
}
