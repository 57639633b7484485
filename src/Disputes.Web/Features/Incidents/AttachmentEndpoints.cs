using System.Security.Claims;
using Disputes.Data;
using Disputes.Web.Features.Account;
using Disputes.Web.Features.Audit;
using Disputes.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents;

public static class AttachmentEndpoints
{
    /// <summary>
    /// Serves an attachment only to a user who may see its incident (the same visibility query as every
    /// page); anyone else gets 404, which does not even confirm that the file exists.
    /// </summary>
    public static void MapAttachmentEndpoints(this WebApplication app) =>
        app.MapGet("/files/{number}/{id:guid}", async (string number, Guid id, ClaimsPrincipal user,
            IDbContextFactory<DisputesDbContext> dbFactory, IFileStore files, AuditLog audit, TimeProvider clock, HttpContext context,
            CancellationToken cancellationToken) =>
        {
            if (user.ActorOf() is not { } actor)
            {
                return Results.NotFound();
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var attachment = await db.Incidents.AsNoTracking().VisibleTo(actor).Where(i => i.Number == number)
                .SelectMany(i => i.Attachments).Where(a => a.Id == id)
                .Select(a => new { a.StorageKey, a.ContentType, a.FileName }).SingleOrDefaultAsync(cancellationToken);
            if (attachment is null || await files.OpenReadAsync(attachment.StorageKey, cancellationToken) is not { } content)
            {
                return Results.NotFound();
            }

            // On the trail before a byte leaves: 等保 2.0 counts a download of case files among the actions to audit.
            var who = await AuditWho.OfAsync(db, actor, cancellationToken);
            await audit.AppendAsync([who.Did(clock.GetUtcNow().UtcDateTime, AuditTypes.AttachmentDownloaded, AuditTypes.FileObject(attachment.FileName), number)],
                cancellationToken);
            DownloadHeaders.For(attachment.ContentType, attachment.FileName, inline: true).ApplyTo(context.Response);
            return Results.Stream(content, attachment.ContentType);
        }).RequireAuthorization(Policies.CaseWork);
}
