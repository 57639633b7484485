using Disputes.Data;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Account;

/// <summary>
/// The one writer of <see cref="SecurityEvent"/>s: every sign-in, refusal, block and throttle, with the client it came
/// from, and every change the security administrator makes to an account, with who made it. Each event is its own short
/// transaction, so a refused attempt is on record even though nothing else changed.
/// </summary>
public sealed class SecurityEvents(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, ILogger<SecurityEvents> logger)
{
    public async Task RecordAsync(SecurityEventType type, SecurityEventResult result, SignInChannel channel, string? userName, string? userId,
        HttpContext context, CancellationToken cancellationToken = default)
    {
        var address = ClientAddress.Of(context);
        var entry = new SecurityEvent(clock.GetUtcNow().UtcDateTime, type, result, channel, userName, userId, address,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SecurityEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);

        var level = type is SecurityEventType.Lockout or SecurityEventType.Throttled ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "Security event {Type} ({Result}) via {Channel} for {UserName} from {Address}",
            type, result, channel, entry.UserName, address ?? ClientAddress.Unknown);
    }

    /// <summary>The security administrator changed an account (from a live page: there is no request to take an address from).</summary>
    public async Task RecordAdministrationAsync(SecurityEventType type, string userName, string userId, string actorId, string actorName,
        CancellationToken cancellationToken = default)
    {
        var entry = SecurityEvent.ByAdministrator(clock.GetUtcNow().UtcDateTime, type, userName, userId, actorId, actorName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SecurityEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Security event {Type} for {UserName} by {Actor}", type, userName, actorName);
    }
}
