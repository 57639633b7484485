using System.Collections.Immutable;

namespace Disputes.Web.Realtime;

/// <summary>
/// The in-process bus of committed incident changes (eShop's notification-service pattern): a page subscribes,
/// gets a disposable subscription and re-renders through InvokeAsync. Publishers call it only after the
/// database commit, so a rolled-back change is never heard of.
/// </summary>
public sealed class IncidentEvents(ILogger<IncidentEvents> logger)
{
    private readonly Lock _gate = new();
    private ImmutableList<Func<IncidentChange, Task>> _subscribers = [];

    /// <summary>Where changes also go beyond this process's pages: the public hub, another instance.</summary>
    public event Func<IncidentChange, Task>? Published;

    public IDisposable Subscribe(Func<IncidentChange, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Tells this process's listeners and the outward relays.</summary>
    public async Task PublishAsync(IncidentChange change)
    {
        await DeliverLocallyAsync(change);
        if (Published is { } outward)
        {
            foreach (var relay in outward.GetInvocationList().Cast<Func<IncidentChange, Task>>())
            {
                await Safely(relay, change);
            }
        }
    }

    /// <summary>
    /// A change for this process's listeners only (also used for one that arrived from another instance). The
    /// listeners run side by side and are not awaited: the user who made the change is not kept waiting while
    /// hundreds of open pages re-read it.
    /// </summary>
    public Task DeliverLocallyAsync(IncidentChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            _ = Safely(subscriber, change);
        }

        return Task.CompletedTask;
    }

    private async Task Safely(Func<IncidentChange, Task> handler, IncidentChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception e)
        {
            // One broken listener (a closed circuit) must not stop the others hearing of the change.
            logger.LogWarning(e, "A listener failed on {Kind} of {Number}", change.Kind, change.Number);
        }
    }

    private void Unsubscribe(Func<IncidentChange, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription(IncidentEvents events, Func<IncidentChange, Task> handler) : IDisposable
    {
        public void Dispose() => events.Unsubscribe(handler);
    }
}
