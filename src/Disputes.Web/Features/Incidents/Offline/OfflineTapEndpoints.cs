using System.Globalization;
using System.Security.Claims;
using Disputes.Domain;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Incidents.Commands;
using Disputes.Web.Features.Incidents.Dialogs;
using Disputes.Web.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Incidents.Offline;

/// <summary>A tap the browser kept while the connection was down, as <c>OfflineTaps.razor.js</c> posts it.</summary>
/// <param name="TappedAt">When the button was tapped, by the browser's clock.</param>
/// <param name="Text">A note's text.</param>
/// <param name="Time">The time shown in the arrival dialog's picker (<c>HH:mm</c>, China time), when 确定 was tapped there.</param>
public sealed record OfflineTapRequest(Guid SubmissionId, string Kind, DateTimeOffset TappedAt, string? Text = null, string? Time = null)
{
    internal IncidentCommand? ToCommand(string number) => Kind switch
    {
        // A tap time at the calendar's ends (a crafted request) is not moved to China time, where it would overflow; the
        // domain refuses it as it refuses any arrival far from the report.
        OfflineTap.Arrival => new ConfirmArrival(number, ChinaTime.IsWithinCalendar(DateOnly.FromDateTime(TappedAt.UtcDateTime))
            ? ArrivalDialog.ArrivedAtUtc(PickedTime(), TappedAt.UtcDateTime)
            : TappedAt.UtcDateTime) { SubmissionId = SubmissionId },
        OfflineTap.Note => new AddProgressNote(number, Text ?? string.Empty) { SubmissionId = SubmissionId },
        _ => null,
    };

    /// <summary>The picked time, or none (the time of the tap) for a tap on the action button or a time that does not read.</summary>
    private TimeSpan? PickedTime() =>
        TimeSpan.TryParseExact(Time, @"h\:mm", CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1) ? time : null;
}

/// <summary>Why a kept tap was refused, in the user's language.</summary>
public sealed record OfflineTapRefusal(string Code, string? Message);

public static class OfflineTapEndpoints
{
    public const string Path = "/api/incidents/{number}/offline-taps";

    /// <summary>
    /// Applies a kept tap through the one write path as the signed-in user: the same command the page would have sent,
    /// the same audience rule and domain checks. A submission already applied answers 204 again, so the browser may
    /// send until it hears back. 404 (an incident the user may not see) and 422 (the domain refused) are final; 400
    /// (no valid antiforgery token: a page from before a sign-in) and 401 are not, and the browser keeps the tap.
    /// </summary>
    public static void MapOfflineTapEndpoints(this WebApplication app) =>
        app.MapPost(Path, async (string number, OfflineTapRequest tap, ClaimsPrincipal user, HttpContext context, IAntiforgery antiforgery,
            IncidentCommands commands, IStringLocalizer<SharedResource> L, CancellationToken cancellationToken) =>
        {
            // A JSON body is not checked by the antiforgery middleware (only forms are): the token comes in a header.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest(new OfflineTapRefusal("antiforgery", null));
            }

            if (tap.ToCommand(number) is not { } command)
            {
                return Results.UnprocessableEntity(new OfflineTapRefusal("offline.unknown", L["Error.offline.unknown"]));
            }

            var result = user.ActorOf() is { } actor ? await commands.SendAsync(actor, command, cancellationToken) : CommandResult.NotFound;
            if (result.Succeeded)
            {
                return Results.NoContent();
            }

            // Notes and arrivals append: they never conflict, so a refusal is the audience rule's or the domain's.
            var refusal = new OfflineTapRefusal(result.ErrorCode!, L[$"Error.{result.ErrorCode}"]);
            return result.ErrorCode == CommandResult.NotFound.ErrorCode ? Results.NotFound(refusal) : Results.UnprocessableEntity(refusal);
        }).RequireAuthorization(Policies.CaseWork);
}
