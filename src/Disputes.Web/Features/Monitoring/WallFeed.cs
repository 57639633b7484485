using System.Collections.Concurrent;
using System.Collections.Immutable;
using Disputes.Domain.Incidents;
using Disputes.Web.Realtime;

namespace Disputes.Web.Features.Monitoring;

/// <summary>One open wall's hold on the live figures: the first figures to show, and every new set after them.</summary>
public interface IWallSubscription : IDisposable
{
    /// <summary>The figures as they stand: the latest computed for this audience and period, or the first computation.</summary>
    Task<WallFigures> CurrentAsync();
}

/// <summary>
/// Keeps the open walls live. Walls are shared by audience and period: every wall whose user holds the same grant (the
/// duty room's display and each city leader's home page) and shows the same period reads the same figures, computed
/// once. A committed change its audience may see marks such a wall stale; the recomputation waits <see cref="Gather"/>
/// for the rest of a burst and starts at most once per <see cref="MinimumInterval"/>, one at a time, so a hundred changes
/// arriving together cost one recomputation per wall, and none waits longer than the interval plus one computation
/// (well inside the second the design allows). A minute's tick recomputes too: lateness and "the last 24 hours" move
/// with the clock, and a week or month rolls over at midnight.
/// </summary>
public sealed class WallFeed : IDisposable
{
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Audience, WallPeriod Period), Wall> _walls = new();
    private readonly WallQueries _queries;
    private readonly TimeProvider _clock;
    private readonly ILogger<WallFeed> _logger;
    private readonly IDisposable _changes;

    public WallFeed(IncidentEvents events, WallQueries queries, TimeProvider clock, ILogger<WallFeed> logger)
    {
        _queries = queries;
        _clock = clock;
        _logger = logger;
        _changes = events.Subscribe(OnChangeAsync);
    }

    /// <summary>The figures of this user's audience over the period, now and whenever they change, until disposed.</summary>
    public IWallSubscription Subscribe(Actor actor, WallPeriod period, Func<WallFigures, Task> changed)
    {
        var grant = IncidentAudience.GrantOf(actor);
        var key = (string.Join(',', grant.Groups.Order(StringComparer.Ordinal)), period);
        while (true)
        {
            var wall = _walls.GetOrAdd(key, _ => new Wall(this, actor, grant, key));
            if (wall.TryAdd(changed, out var subscription))
            {
                return subscription;
            }

            // The last subscriber of that wall left while this one arrived: it is gone from the table, so take a new one.
            _walls.TryRemove(new KeyValuePair<(string, WallPeriod), Wall>(key, wall));
        }
    }

    public void Dispose()
    {
        _changes.Dispose();
        foreach (var wall in _walls.Values)
        {
            wall.Close();
        }
    }

    private Task OnChangeAsync(IncidentChange change)
    {
        foreach (var wall in _walls.Values)
        {
            if (change.Audience.Includes(wall.Grant))
            {
                wall.Invalidate();
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Wall
    {
        private readonly WallFeed _feed;
        private readonly Actor _actor;
        private readonly (string Audience, WallPeriod Period) _key;
        private readonly Lock _gate = new();
        private readonly SemaphoreSlim _one = new(1, 1);
        private readonly ITimer _tick;
        private ImmutableList<Func<WallFigures, Task>> _subscribers = [];
        private Task<WallFigures>? _first;
        private WallFigures? _latest;
        private bool _scheduled;
        private bool _closed;
        private long _version;
        private long _lastStartTicks;

        public Wall(WallFeed feed, Actor actor, AudienceGrant grant, (string, WallPeriod) key)
        {
            _feed = feed;
            _actor = actor;
            _key = key;
            Grant = grant;
            _tick = feed._clock.CreateTimer(_ => Invalidate(), null, Tick, Tick);
        }

        public AudienceGrant Grant { get; }

        public bool TryAdd(Func<WallFigures, Task> changed, out IWallSubscription subscription)
        {
            lock (_gate)
            {
                subscription = null!;
                if (_closed)
                {
                    return false;
                }

                _subscribers = _subscribers.Add(changed);
                if (_first is null || (_first.IsFaulted && _latest is null))
                {
                    _first = Task.Run(RecomputeAsync);
                }

                subscription = new Subscription(this, changed);
                return true;
            }
        }

        public Task<WallFigures> CurrentAsync()
        {
            lock (_gate)
            {
                return _latest is { } latest ? Task.FromResult(latest) : _first!;
            }
        }

        /// <summary>Marks the figures stale; one recomputation is scheduled however many times this is called before it starts.</summary>
        public void Invalidate()
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_scheduled || _closed)
                {
                    return;
                }

                _scheduled = true;
                var untilAllowed = MinimumInterval - TimeProvider.System.GetElapsedTime(_lastStartTicks);
                wait = untilAllowed > Gather ? untilAllowed : Gather;
            }

            _ = DelayedAsync(wait);
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
            }

            _tick.Dispose();
        }

        // Coalescing runs on real time whatever the app's clock: it is how long a burst takes to arrive, not a domain time.
        private async Task DelayedAsync(TimeSpan wait)
        {
            await Task.Delay(wait, TimeProvider.System);
            try
            {
                await RecomputeAsync();
            }
            catch (Exception e)
            {
                // The wall keeps its last figures; the next change or tick tries again.
                _feed._logger.LogWarning(e, "The wall of {Audience} could not be recomputed", _key.Audience);
            }
        }

        private async Task<WallFigures> RecomputeAsync()
        {
            await _one.WaitAsync();
            try
            {
                lock (_gate)
                {
                    // Changes from here on need another pass: this one may have started reading before they committed.
                    _scheduled = false;
                    _lastStartTicks = TimeProvider.System.GetTimestamp();
                }

                var figures = await _feed._queries.ReadAsync(_actor, _key.Period);
                ImmutableList<Func<WallFigures, Task>> subscribers;
                lock (_gate)
                {
                    _latest = figures = figures with { Version = ++_version };
                    subscribers = _subscribers;
                }

                foreach (var subscriber in subscribers)
                {
                    _ = DeliverAsync(subscriber, figures);
                }

                return figures;
            }
            finally
            {
                _one.Release();
            }
        }

        private async Task DeliverAsync(Func<WallFigures, Task> subscriber, WallFigures figures)
        {
            try
            {
                await subscriber(figures);
            }
            catch (Exception e)
            {
                // A closed circuit must not keep the other walls from their figures.
                _feed._logger.LogWarning(e, "A wall failed to take new figures");
            }
        }

        private void Remove(Func<WallFigures, Task> changed)
        {
            lock (_gate)
            {
                _subscribers = _subscribers.Remove(changed);
                if (!_subscribers.IsEmpty)
                {
                    return;
                }

                _closed = true;
            }

            _tick.Dispose();
            _feed._walls.TryRemove(new KeyValuePair<(string, WallPeriod), Wall>(_key, this));
        }

        private sealed class Subscription(Wall wall, Func<WallFigures, Task> changed) : IWallSubscription
        {
            private int _disposed;

            public Task<WallFigures> CurrentAsync() => wall.CurrentAsync();

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    wall.Remove(changed);
                }
            }
        }
    }
}
