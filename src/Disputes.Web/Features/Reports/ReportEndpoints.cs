using System.Globalization;
using System.Security.Claims;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Board;
using Disputes.Web.Features.Bulletins;
using Disputes.Web.Features.PersonalData;
using Disputes.Web.Files;
using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Disputes.Web.Features.Reports;

/// <summary>
/// The files: downloads the server writes for a signed-in user, as attachments are served — by the audience rule, never
/// as data: URLs. An incident the user may not see is a 404, which does not confirm that it exists.
/// </summary>
public static class ReportEndpoints
{
    public const string Prefix = "/exports";

    public static string CasesPath(BoardFilter filter, ExportFormat format) => $"{Prefix}/cases{ExportWriter.Extension(format)}{filter.ToQueryString()}";

    public static string RosterPath(string number, ExportFormat format) => $"{Prefix}/incidents/{Uri.EscapeDataString(number)}/roster{ExportWriter.Extension(format)}";

    public static string AdvancePath(string number, ExportFormat format, string reason) =>
        $"{Prefix}/incidents/{Uri.EscapeDataString(number)}/advance{ExportWriter.Extension(format)}?reason={Uri.EscapeDataString(reason)}";

    public static string UnmaskedRosterPath(string number, ExportFormat format, string reason) =>
        $"{RosterPath(number, format)}?reason={Uri.EscapeDataString(reason)}";

    public static string LedgerPath(string number, ExportFormat format) => $"{Prefix}/incidents/{Uri.EscapeDataString(number)}/ledger{ExportWriter.Extension(format)}";

    public static string ResponseTimesPath(ReportPeriod period, ExportFormat format) =>
        $"{Prefix}/response-times{ExportWriter.Extension(format)}?from={Day(period.From)}&to={Day(period.To)}";

    public static string BulletinPath(int year, int number) => $"{Prefix}/bulletins/{year}/{number}.docx";

    public static void MapReportEndpoints(this WebApplication app)
    {
        var exports = app.MapGroup(Prefix).RequireAuthorization(Policies.CaseWork);
        foreach (var format in (ExportFormat[])[ExportFormat.Xlsx, ExportFormat.Csv])
        {
            var extension = ExportWriter.Extension(format);
            exports.MapGet($"/cases{extension}", async (HttpContext context, ClaimsPrincipal user, Exports files, CancellationToken cancellationToken) =>
                user.ActorOf() is { } actor
                    ? Send(context, await files.CasesAsync(actor, BoardFilter.FromQuery(context.Request.Query), format, cancellationToken: cancellationToken))
                    : Results.NotFound());
            // ?reason=… asks for whole numbers: only a user allowed them gets them, and the reason goes on the audit trail.
            exports.MapGet($"/incidents/{{number}}/roster{extension}", async (string number, string? reason, HttpContext context, ClaimsPrincipal user,
                    Exports files, PersonalDataAccess access, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
            {
                if (user.ActorOf() is not { } actor)
                {
                    return Results.NotFound();
                }

                if (reason is not null && access.RefusalFor(actor, reason) is { } refusal)
                {
                    return Refused(refusal, localizer);
                }

                return await files.RosterAsync(actor, number, format, cancellationToken, reason) is { } file ? Send(context, file) : Results.NotFound();
            });
            exports.MapGet($"/incidents/{{number}}/advance{extension}", async (string number, string? reason, HttpContext context, ClaimsPrincipal user,
                    Exports files, PersonalDataAccess access, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
            {
                if (user.ActorOf() is not { } actor)
                {
                    return Results.NotFound();
                }

                if (access.RefusalFor(actor, reason) is { } refusal)
                {
                    return Refused(refusal, localizer);
                }

                return await files.AdvanceRosterAsync(actor, number, format, reason!, cancellationToken) is { } file ? Send(context, file) : Results.NotFound();
            });
            exports.MapGet($"/incidents/{{number}}/ledger{extension}", async (string number, HttpContext context, ClaimsPrincipal user, Exports files,
                    CancellationToken cancellationToken) =>
                user.ActorOf() is { } actor && await files.LedgerAsync(actor, number, format, cancellationToken) is { } file
                    ? Send(context, file)
                    : Results.NotFound());
            exports.MapGet($"/response-times{extension}", async (string? from, string? to, HttpContext context, ClaimsPrincipal user, Exports files,
                CancellationToken cancellationToken) =>
            {
                if (user.ActorOf() is not { } actor)
                {
                    return Results.NotFound();
                }

                if (!TryDay(from, out var start) || !TryDay(to, out var end) || new ReportPeriod(start, end) is var period && period.Problem() is not null)
                {
                    return Results.BadRequest();
                }

                return Send(context, await files.ResponseTimesAsync(actor, period, format, cancellationToken));
            });
        }

        exports.MapGet("/bulletins/{year:int}/{number:int}.docx", async (int year, int number, HttpContext context, ClaimsPrincipal user,
            BulletinQueries bulletins, ExportLog log, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            if (user.ActorOf() is not { } actor || await bulletins.FindAsync(year, number, cancellationToken) is not { } bulletin)
            {
                return Results.NotFound();
            }

            var text = BulletinText.Of(bulletin, localizer);
            var file = new ExportFile(BulletinDocument.Write(bulletin, text), text.FileStem + ".docx", BulletinDocument.ContentType, bulletin.Paragraphs.Count);
            await log.RecordAsync(actor, ExportKind.Bulletin, ExportFormat.Docx, $"{year}-{number}", file, cancellationToken);
            return Send(context, file);
        }).RequireAuthorization(Policies.Bulletins);
    }

    /// <summary>Whole numbers refused, saying why in the user's language: 403 when they may not have them, 400 when the reason will not do.</summary>
    private static IResult Refused(string errorCode, IStringLocalizer localizer) =>
        Results.Text(localizer[$"Error.{errorCode}"], "text/plain; charset=utf-8", System.Text.Encoding.UTF8,
            errorCode == "reveal.not-allowed" ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);

    internal static IResult Send(HttpContext context, ExportFile file)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        new DownloadHeaders(file.ContentType, disposition.ToString()).ApplyTo(context.Response);
        return Results.Bytes(file.Content, file.ContentType);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}

public static class ReportsHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesReports(this IHostApplicationBuilder builder)
    {
        // The monitoring wall may register its own response-time figures in place of these.
        builder.Services.AddSingleton<IResponseTimes, Monitoring.WallResponseTimes>();
        builder.Services.AddSingleton<ExportLog>().AddSingleton<Exports>();
        builder.Services.AddSingleton<BulletinComposer>().AddSingleton<BulletinIssuing>().AddSingleton<BulletinQueries>();
        return builder;
    }
}
