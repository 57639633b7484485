using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Account.Sessions;

/// <summary>
/// The public hub's open connections on this instance, each with the session it was opened under. Every
/// <see cref="SessionPolicyOptions.HubCheckSeconds"/> they are checked against the sessions in one query, and a connection
/// whose session has ended (sign-out, revocation, a disabled or moved account, idle, expired) is closed. A bearer
/// token's own end closes its connection too (<c>CloseOnAuthenticationExpiration</c>).
/// </summary>
public sealed class HubSessionWatch(UserSessions sessions, TimeProvider clock, IOptionsMonitor<SessionPolicyOptions> options, ILogger<HubSessionWatch> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, Guid Session)> _connections = new();

    public int Count => _connections.Count;

    public void Add(HubCallerContext context, Guid session) => _connections[context.ConnectionId] = (context, session);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>One round: closes every connection whose session no longer lives. Returns how many it closed.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var open = _connections.Values.ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        var live = await sessions.LiveAmongAsync(open.Select(c => c.Session).Distinct().ToList(), cancellationToken);
        var closed = 0;
        foreach (var (context, session) in open.Where(c => !live.Contains(c.Session)))
        {
            Remove(context.ConnectionId);
            context.Abort();
            closed++;
        }

        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} hub connections whose sessions had ended", closed);
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.HubCheck, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is briefly away must not stop the watch: the next round tries again.
                logger.LogWarning(e, "Checking hub connections against their sessions failed");
            }
        }
    }
}
