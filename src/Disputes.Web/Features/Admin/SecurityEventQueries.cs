using Disputes.Data;
using Disputes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Admin;

/// <summary>What the audit administrator filters the security events by: a kind of event, part of a user name, a day range (China time).</summary>
public sealed record SecurityEventFilter(SecurityEventType? Type = null, string? UserName = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The audit administrator's reading of the security events: newest first, one page at a time, counted in the database.</summary>
public sealed class SecurityEventQueries(IDbContextFactory<DisputesDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    public async Task<(IReadOnlyList<SecurityEvent> Rows, int Total)> PageAsync(SecurityEventFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.SecurityEvents.AsNoTracking();
        if (filter.Type is { } type)
        {
            events = events.Where(e => e.Type == type);
        }

        if (filter.UserName?.Trim() is { Length: > 0 } name)
        {
            events = events.Where(e => e.UserName.Contains(name) || (e.ActorName != null && e.ActorName.Contains(name)));
        }

        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOfDayUtc(from);
            events = events.Where(e => e.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOfDayUtc(to.AddDays(1));
            events = events.Where(e => e.AtUtc < end);
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return (rows, total);
    }
}
