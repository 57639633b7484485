using Disputes.Data;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Incidents;

/// <summary>
/// A change to one incident, named for what the user does; it calls the one aggregate method that makes the change.
/// Sent through <see cref="IncidentCommands.SendAsync"/>. Each command lives in its feature's folder.
/// </summary>
/// <param name="ExpectedToken">The version the user was looking at, for commands that overwrite (details, grade, stage):
/// a newer version on the server is a conflict. Appends (notes, acknowledgements, attachments) leave it null.</param>
public abstract record IncidentCommand(string Number, Guid? ExpectedToken = null)
{
    /// <summary>
    /// Makes the command happen at most once, however often it arrives: set by the page where the same tap can also come
    /// in later from the browser's offline queue (see <c>Offline/OfflineTapEndpoints.cs</c>). Null for everything else.
    /// </summary>
    public Guid? SubmissionId { get; init; }

    /// <summary>Roster commands need the workers loaded; others do without them.</summary>
    internal virtual bool WithWorkers => false;

    internal virtual Task ApplyAsync(Incident incident, Actor actor, IncidentContext context, CancellationToken cancellationToken)
    {
        Apply(incident, actor, context);
        return Task.CompletedTask;
    }

    internal virtual void Apply(Incident incident, Actor actor, IncidentContext context) =>
        throw new NotSupportedException($"{GetType().Name} applies itself asynchronously.");
}

/// <summary>What a command did. A conflict names who changed the incident and when, for "changed by X at T — reload".</summary>
public sealed record CommandResult(bool Succeeded, string? ErrorCode = null, string? Number = null, string? ConflictBy = null, DateTime? ConflictAtUtc = null,
    int? Count = null)
{
    public static readonly CommandResult NotFound = new(false, "incident.not-found");

    public bool IsConflict => ConflictBy is not null;

    public static CommandResult Ok(string number, int? count = null) => new(true, Number: number, Count: count);

    public static CommandResult Invalid(string code) => new(false, code);

    public static CommandResult Conflict(string by, DateTime atUtc) => new(false, "incident.conflict", ConflictBy: by, ConflictAtUtc: atUtc);
}

/// <summary>What a command may need besides the incident: the database for look-ups, the playbook and the clock.</summary>
public sealed class IncidentContext(DisputesDbContext db, Playbook playbook, DateTime nowUtc)
{
    public Playbook Playbook { get; } = playbook;

    public DateTime NowUtc { get; } = nowUtc;

    internal DisputesDbContext Db { get; } = db;

    /// <summary>How many things the command counted (roster lines added), for the user's message.</summary>
    internal int? Count { get; set; }

    /// <summary>The users an escalation told: their bell rings with the live message.</summary>
    internal IReadOnlyList<string>? Notified { get; set; }

    /// <summary>The office that answers for a department in a town: its branch there, else the city department.</summary>
    internal static async Task<int> OfficeForAsync(DisputesDbContext db, DepartmentKind department, int townId, CancellationToken cancellationToken)
    {
        var offices = await db.Organisations.AsNoTracking()
            .Where(o => o.Department == department && (o.Kind == OrganisationKind.Department || (o.Kind == OrganisationKind.DepartmentBranch && o.TownId == townId)))
            .Select(o => new { o.Id, o.Kind })
            .ToListAsync(cancellationToken);
        return (offices.FirstOrDefault(o => o.Kind == OrganisationKind.DepartmentBranch) ?? offices.First()).Id;
    }
}
