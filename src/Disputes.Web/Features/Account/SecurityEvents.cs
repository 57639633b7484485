using Disputes.Data;
using Disputes.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Account;

/// <summary>
/// The one writer of <see cref="SecurityEvent"/>s: every sign-in, refusal, block and throttle, with the client it came
/// from, and every change the security administrator makes to an account, with who made it. Each event is its own short
/// transaction, so a refused attempt is on record even though nothing else changed; the same transaction appends it to
/// the audit trail, with the user's organisation.
/// </summary>
public sealed class SecurityEvents(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, AuditLog audit, ILogger<SecurityEvents> logger)
{
    public async Task RecordAsync(SecurityEventType type, SecurityEventResult result, SignInChannel channel, string? userName, string? userId,
        HttpContext context, CancellationToken cancellationToken = default)
    {
        var address = ClientAddress.Of(context);
        var entry = new SecurityEvent(clock.GetUtcNow().UtcDateTime, type, result, channel, userName, userId, address,
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        await SaveAsync(entry, entry.UserName, null, null, $"{entry.Channel}", cancellationToken);

        var level = type is SecurityEventType.Lockout or SecurityEventType.Throttled ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "Security event {Type} ({Result}) via {Channel} for {UserName} from {Address}",
            type, result, channel, entry.UserName, address ?? ClientAddress.Unknown);
    }

    /// <summary>The security administrator changed an account (from a live page: there is no request to take an address from).</summary>
    public async Task RecordAdministrationAsync(SecurityEventType type, string userName, string userId, string actorId, string actorName,
        CancellationToken cancellationToken = default)
    {
        var entry = SecurityEvent.ByAdministrator(clock.GetUtcNow().UtcDateTime, type, userName, userId, actorId, actorName);
        await SaveAsync(entry, actorName, actorId, AuditTypes.UserObject(userName), null, cancellationToken);
        logger.LogInformation("Security event {Type} for {UserName} by {Actor}", type, userName, actorName);
    }

    /// <summary>
    /// The event and its audit entry in one transaction. The entry's user is who acted: the account's holder at a sign-in,
    /// the security administrator for a change to an account (the account is then its object).
    /// </summary>
    private async Task SaveAsync(SecurityEvent entry, string? userName, string? actorId, string? @object, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var userId = actorId ?? entry.UserId;
        var organisation = userId is null ? null
            : await db.Users.Where(u => u.Id == userId).Select(u => u.Organisation!.Name).SingleOrDefaultAsync(cancellationToken);
        // Read before the transaction: it holds the audit head, and every other append waits for it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SecurityEvents.Add(entry);
        await audit.AppendAsync(db, [new AuditRecord(entry.AtUtc, entry.Type.ToString(), entry.Result.ToString(), userId, userName, organisation,
            entry.ClientAddress, @object, null, detail)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
