using Disputes.Domain.Incidents;
using Disputes.Web.Files;
using Microsoft.AspNetCore.Components.Forms;

namespace Disputes.Web.Features.Incidents;

/// <summary>
/// Puts an uploaded file on an incident: the user's permission first, then the file checked by its content, stored, and
/// recorded in one incident change. Nothing of a file reaches the disk, not even the inspection's spool, before the
/// permission is known; a stored file whose record fails or throws is deleted again.
/// </summary>
public sealed class AttachmentUploads(AttachmentInspector inspector, IFileStore files, IncidentCommands incidents, TimeProvider clock)
{
    /// <returns>Null when attached, else the error code to show.</returns>
    public async Task<string?> AttachAsync(Actor actor, string number, IBrowserFile file, CancellationToken cancellationToken = default)
    {
        if (await incidents.RefusalAsync(actor, number, IncidentAction.AddAttachment, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await using var upload = await inspector.InspectAsync(file, cancellationToken);
        if (!upload.Accepted)
        {
            return upload.Error;
        }

        var stored = await files.SaveAsync(upload.Content!, cancellationToken);
        var name = upload.Format!.NameFor(file.Name);
        if (name.Length > Attachment.FileNameMaxLength)
        {
            name = name[..(Attachment.FileNameMaxLength - 10)] + name[^10..];
        }

        CommandResult result;
        try
        {
            result = await incidents.SendAsync(actor, new Commands.AddAttachment(number, new Attachment
            {
                FileName = name,
                ContentType = upload.Format.ContentType,
                SizeBytes = stored.Length,
                StorageKey = stored.Key,
                UploadedBy = actor.Name,
                UploadedByUserId = actor.UserId,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            }), cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        if (result.Succeeded)
        {
            return null;
        }

        await files.DeleteAsync(stored.Key, CancellationToken.None);
        return result.ErrorCode;
    }
}
