using System.Collections.Concurrent;
using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Playbooks;
using Hangfire;

namespace Disputes.Web.Features.Escalation;

/// <summary>
/// Sets the trigger for a due time. Hangfire keeps delayed jobs in whole seconds and, polling once a second, runs them
/// up to a second early or late; so the job is set a little before the due time and the last seconds are waited out in
/// process, where a timer is precise to milliseconds. Nothing here is state: if the process dies, the database still
/// has the due time and the sweep (and, on in-memory storage, the rebuild at startup) sets the trigger again.
/// </summary>
public sealed class EscalationScheduler(IBackgroundJobClient jobs, TimeProvider clock, EscalationTimers timers, ILogger<EscalationScheduler> logger)
{
    /// <summary>How long before the due time the Hangfire job runs, to absorb its whole-second rounding and polling.</summary>
    public static readonly TimeSpan JobLead = TimeSpan.FromSeconds(2);

    /// <summary>Remainders up to this long are waited out in process rather than given back to Hangfire.</summary>
    public static readonly TimeSpan LocalWaitLimit = TimeSpan.FromSeconds(5);

    public void Schedule(Guid stepId, DateTime dueAtUtc)
    {
        var remaining = dueAtUtc - clock.GetUtcNow().UtcDateTime;
        if (remaining <= LocalWaitLimit)
        {
            timers.Start(stepId, dueAtUtc, remaining);
        }
        else
        {
            jobs.Schedule<EscalationJobs>(j => j.EscalateStepAsync(stepId, CancellationToken.None), remaining - JobLead);
        }
    }

    public void AlertMajorIncident(int incidentId) =>
        jobs.Enqueue<EscalationJobs>(j => j.AlertMajorIncidentAsync(incidentId, CancellationToken.None));

    /// <summary>
    /// After an incident is saved: a trigger for each step that is new, resumed or re-planned, and the city leaders'
    /// alert when the incident is (now) grade I–II. A failure here is logged, not thrown: the change is saved, and the
    /// sweep escalates from the database.
    /// </summary>
    public void AfterSave(EscalationWatch before, Incident incident)
    {
        try
        {
            foreach (var step in incident.Steps.Where(EscalationLadder.IsWatched))
            {
                if (!before.DueTimes.TryGetValue(step.Id, out var due) || due != step.DueAtUtc)
                {
                    Schedule(step.Id, step.DueAtUtc);
                }
            }

            if (incident.IsOpen && EscalationLadder.AlertsCityLeaders(incident.Grade) && before.Band != GradeBand.Major)
            {
                AlertMajorIncident(incident.Id);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not set the escalation triggers of incident {Number}", incident.Number);
        }
    }
}

/// <summary>The watched steps' due times and the grade band before a change, to see afterwards what needs a new trigger.</summary>
public sealed record EscalationWatch(IReadOnlyDictionary<Guid, DateTime> DueTimes, GradeBand? Band)
{
    public static readonly EscalationWatch NewIncident = new(new Dictionary<Guid, DateTime>(), null);

    public static EscalationWatch Of(Incident incident) =>
        new(incident.Steps.Where(EscalationLadder.IsWatched).ToDictionary(s => s.Id, s => s.DueAtUtc), incident.Grade.Band());
}

/// <summary>
/// The last seconds before a due time, waited out on the injected clock without holding a Hangfire worker. One wait per
/// step and due time: a repeated request is dropped; a changed due time gets its own wait, and whichever run comes
/// first re-reads the step and writes what is due.
/// </summary>
public sealed class EscalationTimers(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<EscalationTimers> logger)
{
    private readonly ConcurrentDictionary<(Guid StepId, DateTime DueAtUtc), byte> _waiting = new();

    public void Start(Guid stepId, DateTime dueAtUtc, TimeSpan remaining)
    {
        if (_waiting.TryAdd((stepId, dueAtUtc), 0))
        {
            _ = Task.Run(() => RunAsync(stepId, dueAtUtc, remaining));
        }
    }

    private async Task RunAsync(Guid stepId, DateTime dueAtUtc, TimeSpan remaining)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, clock, stopping);
            }

            _waiting.TryRemove((stepId, dueAtUtc), out _);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EscalationJobs>().EscalateStepAsync(stepId, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the due time is in the database, the next start picks it up.
        }
        catch (Exception e)
        {
            // The minute sweep retries what failed here.
            logger.LogError(e, "Escalating step {StepId} failed", stepId);
        }
        finally
        {
            _waiting.TryRemove((stepId, dueAtUtc), out _);
        }
    }
}
