using System.Globalization;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Reports;
using Disputes.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Disputes.Web.Features.Audit;

/// <summary>
/// What the audit administrator filters the trail by: a type, part of a user's or an organisation's name, a day range
/// (China time) and an incident number. Read from and written to a query string, so the export takes what the screen shows.
/// </summary>
public sealed record AuditFilter(string? Type = null, string? User = null, string? Organisation = null, DateOnly? From = null,
    DateOnly? To = null, string? Incident = null)
{
    public const int MaxTextLength = 64;

    public static AuditFilter FromQuery(IQueryCollection query) => new(
        AuditTypes.All.Contains(query["type"].ToString()) ? query["type"].ToString() : null,
        Text(query["user"]), Text(query["org"]), Day(query["from"]), Day(query["to"]), Text(query["incident"]));

    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("type", Type);
        Add("user", User);
        Add("org", Organisation);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("incident", Incident);
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static string? Text(string? value) => value?.Trim() is { Length: > 0 and <= MaxTextLength } text ? text : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>How long the trail is kept (网络安全法 art. 23: six months at least). The app itself deletes no entry at all.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";
    public const int MinimumRetentionDays = 180;

    public int RetentionDays { get; set; } = MinimumRetentionDays;
}

/// <summary>
/// The audit administrator's reading of the trail: newest first a page at a time, the export of what a filter finds, and
/// the check of the whole chain. Exporting and checking are audited themselves.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<DisputesDbContext> dbFactory, AuditLog audit, AuditVerifier verifier, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public const int MaxPageSize = 100;

    /// <summary>An export holds at most this many entries, newest first: a filter narrows a larger trail.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<(IReadOnlyList<AuditRecord> Rows, int Total)> PageAsync(AuditFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = Filtered(db, filter);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(r => r.Sequence).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>The oldest entry's time, to show beside the retention: what the trail reaches back to.</summary>
    public async Task<DateTime?> OldestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditTrail.OrderBy(r => r.Sequence).Select(r => (DateTime?)r.AtUtc).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ExportFile> ExportAsync(Actor auditor, AuditFilter filter, ExportFormat format, CancellationToken cancellationToken = default)
    {
        List<AuditRecord> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            rows = await Filtered(db, filter).OrderByDescending(r => r.Sequence).Take(MaxExportRows).ToListAsync(cancellationToken);
        }

        string H(string key) => localizer[key];
        var table = new ExportTable(localizer["AuditTrail.Sheet"],
            [H("AuditTrail.Sequence"), H("Audit.At"), H("Audit.Type"), H("Audit.Result"), H("Audit.UserName"), H("AuditTrail.Organisation"),
                H("Audit.Address"), H("AuditTrail.Object"), H("AuditTrail.Incident"), H("AuditTrail.Detail")],
            rows.Select(r => new object?[]
            {
                r.Sequence, ChinaTime.FromUtc(r.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                AuditTypes.TypeLabel(localizer, r.Type), AuditTypes.ResultLabel(localizer, r.Result), r.UserName, r.Organisation,
                r.ClientAddress, AuditTypes.ObjectLabel(localizer, r.Object), r.IncidentNumber, AuditTypes.DetailLabel(localizer, r.Detail),
            }).ToList());
        var stamp = ChinaTime.Now(clock).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var file = await ExportWriter.WriteAsync(table, format, localizer["AuditTrail.File", stamp], cancellationToken);
        var who = await WhoAsync(auditor, cancellationToken);
        await audit.AppendAsync([who.Did(clock.GetUtcNow().UtcDateTime, AuditTypes.AuditExported, AuditTypes.ExportObject(file.FileName),
            detail: Describe(filter))], cancellationToken);
        return file;
    }

    /// <summary>Checks the whole chain, and puts on it that it was checked and what was found.</summary>
    public async Task<AuditVerification> VerifyAsync(Actor auditor, CancellationToken cancellationToken = default)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        var who = await WhoAsync(auditor, cancellationToken);
        await audit.AppendAsync([who.Did(clock.GetUtcNow().UtcDateTime, AuditTypes.AuditVerified,
            result: result.Intact ? AuditTypes.Succeeded : AuditTypes.Refused,
            detail: Describe(result))], cancellationToken);
        return result;
    }

    /// <summary>What the check found, in the reader's words.</summary>
    public string Describe(AuditVerification result) => result.Intact
        ? localizer["AuditTrail.Intact", result.Checked]
        : localizer[$"AuditTrail.Broken.{result.Problem}", result.BrokenAt!, result.Checked];

    /// <summary>A filter in words, for the entry an export leaves.</summary>
    private string Describe(AuditFilter filter)
    {
        var parts = new List<string>();
        if (filter.Type is { } type)
        {
            parts.Add($"{localizer["Audit.Type"]}：{AuditTypes.TypeLabel(localizer, type)}");
        }

        foreach (var (key, value) in new[] { ("Audit.UserName", filter.User), ("AuditTrail.Organisation", filter.Organisation),
                     ("AuditTrail.Incident", filter.Incident) })
        {
            if (value is not null)
            {
                parts.Add($"{localizer[key]}：{value}");
            }
        }

        if (filter.From is not null || filter.To is not null)
        {
            parts.Add($"{localizer["AuditTrail.Period"]}：{filter.From:yyyy-MM-dd}～{filter.To:yyyy-MM-dd}");
        }

        return parts.Count == 0 ? localizer["AuditTrail.AllEntries"] : string.Join("；", parts);
    }

    private async Task<AuditWho> WhoAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AuditWho.OfAsync(db, actor, cancellationToken);
    }

    private static IQueryable<AuditRecord> Filtered(DisputesDbContext db, AuditFilter filter)
    {
        var entries = db.AuditTrail.AsNoTracking();
        if (filter.Type is { } type)
        {
            entries = entries.Where(r => r.Type == type);
        }

        if (filter.User is { } user)
        {
            // The trail names a signed-in user by display name and a refused sign-in by the name typed: either finds them.
            var ids = db.Users.Where(u => u.UserName!.Contains(user) || u.DisplayName.Contains(user)).Select(u => u.Id);
            entries = entries.Where(r => (r.UserName != null && r.UserName.Contains(user)) || (r.UserId != null && ids.Contains(r.UserId)));
        }

        if (filter.Organisation is { } organisation)
        {
            entries = entries.Where(r => r.Organisation != null && r.Organisation.Contains(organisation));
        }

        if (filter.Incident is { } incident)
        {
            entries = entries.Where(r => r.IncidentNumber == incident);
        }

        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOfDayUtc(from);
            entries = entries.Where(r => r.AtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(r => r.AtUtc < end);
        }

        return entries;
    }
}
