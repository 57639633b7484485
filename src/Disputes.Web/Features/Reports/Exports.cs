using System.Globalization;
using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Components;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Incidents;
using Disputes.Web.Hosting;
using Disputes.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Reports;

/// <summary>
/// The exports: the board's filtered case list, an incident's roster and its recovery ledger, the response-time table. Each
/// reads through the audience rule (a row the user could not open is never in the file), masks personal numbers, writes
/// the table in the user's language and records the export before handing the file over.
/// </summary>
public sealed class Exports(IDbContextFactory<DisputesDbContext> dbFactory, BoardQuery board, IResponseTimes responseTimes, ExportLog log,
    IStringLocalizer<SharedResource> localizer, TimeProvider clock)
{
    /// <summary>Far more than a year of a city's cases; a spreadsheet still opens it.</summary>
    public const int MaxRows = 100_000;

    /// <param name="max">The most rows the file holds, newest first (<see cref="MaxRows"/> unless a caller wants fewer).</param>
    public async Task<ExportFile> CasesAsync(Actor actor, BoardFilter filter, ExportFormat format, int max = MaxRows, CancellationToken cancellationToken = default)
    {
        var rows = await board.AllAsync(actor, filter, Math.Min(max, MaxRows), cancellationToken);
        var chinese = LocalizationHostingExtensions.IsChinese;
        var table = new ExportTable(localizer["Export.Cases.Sheet"],
            [H("Export.Number"), H("Export.Enterprise"), H("Export.Town"), H("Export.Type"), H("Export.Grade"), H("Export.Stage"),
             H("Export.Workers"), H("Export.WagesOwed"), H("Export.Reported"), H("Export.OverdueSteps"), H("Export.EscalationLevel")],
            rows.Select(r => new object?[]
            {
                r.Number, r.Enterprise, r.TownName(chinese), localizer.Text(r.Type), localizer.Text(r.Grade), localizer.Text(r.Stage),
                r.Workers, r.WagesOwed.Yuan, Time(r.ReportedAtUtc), r.OverdueSteps, r.EscalationLevel,
            }).ToList());
        return await FinishAsync(actor, ExportKind.CaseList, format, filter.ToQueryString(), table,
            localizer["Export.Cases.File", Stamp()], cancellationToken);
    }

    /// <param name="unmaskedFor">
    /// The reason given for whole numbers, by a user <see cref="PersonalData.PersonalDataAccess"/> has allowed; null for the
    /// masked roster everyone who sees the incident may take. The reason is on the audit trail with the export.
    /// </param>
    /// <returns>Null when the user may not see the incident (or there is none by that number).</returns>
    public async Task<ExportFile?> RosterAsync(Actor actor, string number, ExportFormat format, CancellationToken cancellationToken = default,
        string? unmaskedFor = null)
    {
        if (await WorkersAsync(actor, number, cancellationToken) is not { } workers)
        {
            return null;
        }

        var whole = unmaskedFor is not null;
        var table = new ExportTable(localizer["Export.Roster.Sheet"],
            [H("Export.Row"), H("Export.Name"), H("Export.IdNumber"), H("Export.Phone"), H("Export.Owed"), H("Export.Recovered"), H("Export.Outstanding")],
            workers.Select((w, i) => new object?[]
            {
                i + 1, w.Name, whole ? w.IdNumber.Value : w.IdNumber.Masked, whole ? w.Phone : Masking.Phone(w.Phone),
                w.AmountOwed.Yuan, w.Recovered.Yuan, w.Outstanding.Yuan,
            }).ToList());
        return await FinishAsync(actor, ExportKind.Roster, format, number, table, localizer["Export.Roster.File", number], cancellationToken, unmaskedFor);
    }

    /// <summary>
    /// 垫付名册: what the wage-guarantee fund needs to advance wages, each worker still owed with their whole ID number, the
    /// amount owed and the amount to advance (what is still outstanding). Only for a user allowed whole numbers, with a reason.
    /// </summary>
    /// <returns>Null when the user may not see the incident (or there is none by that number).</returns>
    public async Task<ExportFile?> AdvanceRosterAsync(Actor actor, string number, ExportFormat format, string reason,
        CancellationToken cancellationToken = default)
    {
        if (await WorkersAsync(actor, number, cancellationToken) is not { } workers)
        {
            return null;
        }

        var table = new ExportTable(localizer["Export.Advance.Sheet"],
            [H("Export.Row"), H("Export.Name"), H("Export.IdNumber"), H("Export.Owed"), H("Export.ToAdvance")],
            workers.Where(w => w.Outstanding.Fen > 0).Select((w, i) => new object?[]
            {
                i + 1, w.Name, w.IdNumber.Value, w.AmountOwed.Yuan, w.Outstanding.Yuan,
            }).ToList());
        return await FinishAsync(actor, ExportKind.AdvanceRoster, format, number, table, localizer["Export.Advance.File", number], cancellationToken, reason);
    }

    /// <returns>Null when the user may not see the incident (or there is none by that number).</returns>
    public async Task<ExportFile?> LedgerAsync(Actor actor, string number, ExportFormat format, CancellationToken cancellationToken = default)
    {
        if (await WorkersAsync(actor, number, cancellationToken) is not { } workers)
        {
            return null;
        }

        var table = new ExportTable(localizer["Export.Ledger.Sheet"],
            [H("Export.Row"), H("Export.Name"), H("Export.IdNumber"), H("Export.Amount"), H("Export.Source"), H("Export.RecordedAt"), H("Export.RecordedBy"), H("Export.Note")],
            workers.SelectMany(w => w.Recoveries.OrderBy(r => r.RecordedAtUtc).Select(r => (Worker: w, Recovery: r)))
                .OrderBy(x => x.Recovery.RecordedAtUtc)
                .Select((x, i) => new object?[]
                {
                    i + 1, x.Worker.Name, x.Worker.IdNumber.Masked, x.Recovery.Amount.Yuan, localizer.Text(x.Recovery.Source),
                    Time(x.Recovery.RecordedAtUtc), x.Recovery.RecordedBy, x.Recovery.Note,
                }).ToList());
        return await FinishAsync(actor, ExportKind.Ledger, format, number, table, localizer["Export.Ledger.File", number], cancellationToken);
    }

    public async Task<ExportFile> ResponseTimesAsync(Actor actor, ReportPeriod period, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var figures = await responseTimes.ByTownAsync(actor, period, cancellationToken);
        var chinese = LocalizationHostingExtensions.IsChinese;
        var table = new ExportTable(localizer["Export.ResponseTimes.Sheet"],
            [H("Export.Town"), H("Export.Incidents"), H("Export.ArriveMeasured"), H("Export.ArriveMedian"), H("Export.ArriveP90"),
             H("Export.ReportMeasured"), H("Export.ReportMedian"), H("Export.ReportP90")],
            figures.Towns.Select(t => Row(t.TownName(chinese), t.Incidents, t.Arrive, t.Report))
                .Append(Row(localizer["Export.AllTowns"], figures.Incidents, figures.Arrive, figures.Report)).ToList());
        var (from, to) = (Day(period.From), Day(period.To));
        return await FinishAsync(actor, ExportKind.ResponseTimes, format, $"{from}..{to}", table,
            localizer["Export.ResponseTimes.File", from, to], cancellationToken);
    }

    private static object?[] Row(string town, int incidents, ResponseFigure arrive, ResponseFigure report) =>
        [town, incidents, arrive.Measured, Minutes(arrive.Median), Minutes(arrive.P90), report.Measured, Minutes(report.Median), Minutes(report.P90)];

    private async Task<IReadOnlyList<Domain.Workers.WorkerClaim>?> WorkersAsync(Actor actor, string number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(actor).Where(i => i.Number == number)
            .Include(i => i.Workers).ThenInclude(w => w.Recoveries).AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        // In a fixed order, the ID number's: the database returns them in the order of whatever index it used.
        return incident?.Workers.OrderBy(w => w.IdNumber.Value, StringComparer.Ordinal).ToList();
    }

    /// <param name="unmaskedFor">The reason whole numbers were given, for the audit trail; null when masked.</param>
    private async Task<ExportFile> FinishAsync(Actor actor, ExportKind kind, ExportFormat format, string scope, ExportTable table, string stem,
        CancellationToken cancellationToken, string? unmaskedFor = null)
    {
        var file = await ExportWriter.WriteAsync(table, format, stem, cancellationToken);
        await log.RecordAsync(actor, kind, format, scope, file, cancellationToken,
            incidentNumber: kind is ExportKind.Roster or ExportKind.Ledger or ExportKind.AdvanceRoster ? scope : null,
            detail: unmaskedFor is null ? null : localizer["Export.UnmaskedFor", unmaskedFor.Trim()].Value);
        return file;
    }

    private string H(string key) => localizer[key];

    private string Stamp() => ChinaTime.Now(clock).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whole minutes and tenths, as a number a spreadsheet can sum; nothing when nothing was measured.</summary>
    private static decimal? Minutes(TimeSpan? duration) => duration is { } d ? Math.Round((decimal)d.TotalMinutes, 1) : null;
}
