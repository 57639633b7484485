using System.Collections.Concurrent;

namespace Disputes.Web.Realtime;

/// <summary>Who has an incident open right now, and who is editing it. Kept per app instance.</summary>
public sealed class Presence
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Viewer>> _byIncident = new();

    public sealed record Viewer(string UserId, string Name, bool Editing);

    /// <summary>Raised with the incident number whenever its viewers change.</summary>
    public event Action<string>? Changed;

    /// <param name="visit">One open page (a circuit may open the same incident twice).</param>
    public void Set(string number, Guid visit, Viewer viewer)
    {
        _byIncident.GetOrAdd(number, _ => new ConcurrentDictionary<Guid, Viewer>())[visit] = viewer;
        Changed?.Invoke(number);
    }

    public void Leave(string number, Guid visit)
    {
        if (_byIncident.TryGetValue(number, out var viewers) && viewers.TryRemove(visit, out _))
        {
            Changed?.Invoke(number);
        }
    }

    /// <summary>Everyone on the page, each person once (editing if any of their pages is).</summary>
    public IReadOnlyList<Viewer> Of(string number) =>
        _byIncident.TryGetValue(number, out var viewers)
            ? viewers.Values.GroupBy(v => v.UserId).Select(g => g.First() with { Editing = g.Any(v => v.Editing) }).OrderBy(v => v.Name).ToList()
            : [];
}
