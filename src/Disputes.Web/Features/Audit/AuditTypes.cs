using Disputes.Data;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Disputes.Domain.Incidents;

namespace Disputes.Web.Features.Audit;

/// <summary>
/// The one list of what the audit trail names, and how each name is shown: a stored type, result or object is a stable
/// name (the hash covers it), and the screen and the export put words in the reader's language in its place.
/// </summary>
public static class AuditTypes
{
    public const string Succeeded = "Succeeded";
    public const string Refused = "Refused";

    /// <summary>A change to an incident from the one write path: <c>Incident.</c> and the timeline's kind.</summary>
    public const string IncidentPrefix = "Incident.";

    public const string PersonalDataRevealed = "PersonalDataRevealed";
    public const string Exported = "Exported";
    public const string AttachmentDownloaded = "AttachmentDownloaded";
    public const string PlaybookVersionSaved = "PlaybookVersionSaved";
    public const string AuditVerified = "AuditVerified";
    public const string AuditExported = "AuditExported";

    /// <summary>Types of the trail's own, beside the security events and the incident events.</summary>
    public static readonly IReadOnlyList<string> Others =
        [PersonalDataRevealed, Exported, AttachmentDownloaded, PlaybookVersionSaved, AuditVerified, AuditExported];

    /// <summary>Every type an entry can have, for the screen's filter.</summary>
    public static IEnumerable<string> All =>
        Enum.GetNames<SecurityEventType>().Concat(Enum.GetNames<TimelineKind>().Select(k => IncidentPrefix + k)).Concat(Others);

    public static string Of(TimelineKind kind) => IncidentPrefix + kind;

    /// <summary>Object names: a kind and a value, so the screen can say what kind of thing it was.</summary>
    public static string UserObject(string userName) => $"user:{userName}";

    public static string TimelineObject(int sequence) => $"timeline:{sequence}";

    public static string FileObject(string fileName) => $"file:{fileName}";

    public static string PlaybookObject(int version) => $"playbook:{version}";

    public static string WorkerObject(string maskedIdNumber) => $"worker:{maskedIdNumber}";

    public static string ExportObject(string fileName) => $"export:{fileName}";

    public static string TypeLabel(IStringLocalizer l, string type)
    {
        if (type.StartsWith(IncidentPrefix, StringComparison.Ordinal) && Enum.TryParse<TimelineKind>(type[IncidentPrefix.Length..], out var kind))
        {
            return l["Audit.IncidentEvent", l[$"TimelineKind.{kind}"]];
        }

        if (Enum.TryParse<SecurityEventType>(type, out var security))
        {
            return l[$"SecurityEventType.{security}"];
        }

        return Others.Contains(type) ? l[$"AuditType.{type}"] : l["Audit.Unknown"];
    }

    public static string ResultLabel(IStringLocalizer l, string result)
    {
        if (result == Refused)
        {
            return l["AuditResult.Refused"];
        }

        return Enum.TryParse<SecurityEventResult>(result, out var known) ? l[$"SecurityEventResult.{known}"] : l["Audit.Unknown"];
    }

    /// <summary>The detail as written, except a security event's channel (<c>Form</c>, <c>Token</c>…), which is named in words.</summary>
    public static string DetailLabel(IStringLocalizer l, string? detail) =>
        Enum.TryParse<SignInChannel>(detail, out var channel) && Enum.IsDefined(channel) && !int.TryParse(detail, out _)
            ? l[$"SignInChannel.{channel}"]
            : detail ?? string.Empty;

    public static string ObjectLabel(IStringLocalizer l, string? @object)
    {
        if (string.IsNullOrEmpty(@object))
        {
            return string.Empty;
        }

        var colon = @object.IndexOf(':');
        var kind = colon > 0 ? @object[..colon] : string.Empty;
        return kind is "user" or "timeline" or "file" or "playbook" or "worker" or "export"
            ? l[$"AuditObject.{kind}", @object[(colon + 1)..]]
            : @object;
    }
}

/// <summary>Who acted, as an audit entry records them: the user, their organisation then, and where they acted from.</summary>
public sealed record AuditWho(string? UserId, string? UserName, string? Organisation, string? ClientAddress)
{
    public static async Task<AuditWho> OfAsync(DisputesDbContext db, Actor actor, CancellationToken cancellationToken) =>
        new(actor.UserId, actor.Name,
            await db.Organisations.Where(o => o.Id == actor.OrganisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken),
            actor.ClientAddress);

    public AuditRecord Did(DateTime atUtc, string type, string? @object = null, string? incidentNumber = null, string? detail = null,
        string result = AuditTypes.Succeeded) =>
        new(atUtc, type, result, UserId, UserName, Organisation, ClientAddress, @object, incidentNumber, detail);

    /// <summary>The entries an incident raised in this change, each as the trail records it.</summary>
    public static IReadOnlyList<AuditRecord> ForIncident(Incident incident, AuditWho? who) =>
        incident.Raised.Select(entry => entry.IsBySystem || who is null
                ? new AuditRecord(entry.AtUtc, AuditTypes.Of(entry.Kind), AuditTypes.Succeeded, entry.ActorUserId, null, null, null,
                    AuditTypes.TimelineObject(entry.Sequence), incident.Number, null)
                : who.Did(entry.AtUtc, AuditTypes.Of(entry.Kind), AuditTypes.TimelineObject(entry.Sequence), incident.Number))
            .ToList();
}
