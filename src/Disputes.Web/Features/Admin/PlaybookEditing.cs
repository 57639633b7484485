using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Admin;

/// <summary>One step kind's timers in both grade bands, as the editor shows them.</summary>
public sealed class DurationDraft
{
    public PlanStepKind Kind { get; init; }

    public int MajorMinutes { get; set; }

    public int MinorMinutes { get; set; }
}

/// <summary>The playbook as a form: edited freely in the circuit, checked by the domain only on save.</summary>
public sealed class PlaybookDraft
{
    public List<DurationDraft> Durations { get; init; } = [];

    public Dictionary<IncidentType, IReadOnlyCollection<DepartmentKind>> Requirements { get; init; } = [];

    public int Level2AfterMinutes { get; set; }

    public int Level3AfterMinutes { get; set; }

    /// <summary>The version the draft was read from: a save over someone else's newer change is refused.</summary>
    public DateTime UpdatedAtUtc { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;
}

/// <summary>What a save did. <see cref="Kind"/> and <see cref="Band"/> name the timer the domain refused, when it was a timer.</summary>
public sealed record PlaybookSaveResult(bool Succeeded, bool Changed = false, string? Error = null, PlanStepKind? Kind = null, GradeBand? Band = null,
    string? ConflictBy = null, DateTime? ConflictAtUtc = null)
{
    public const string Conflict = "playbook.conflict";
}

/// <summary>
/// Reads the playbook for the editor and saves an edited one through the domain's own methods, in one short-lived
/// context: the first rule broken stops the save before anything reaches the database.
/// </summary>
public sealed class PlaybookEditing(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PlaybookDraft> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        return new PlaybookDraft
        {
            Durations = Enum.GetValues<PlanStepKind>()
                .Select(kind => new DurationDraft
                {
                    Kind = kind,
                    MajorMinutes = (int)playbook.DurationOf(kind, GradeBand.Major).TotalMinutes,
                    MinorMinutes = (int)playbook.DurationOf(kind, GradeBand.Minor).TotalMinutes,
                })
                .ToList(),
            Requirements = Enum.GetValues<IncidentType>().ToDictionary(type => type, type => (IReadOnlyCollection<DepartmentKind>)playbook.RequiredFor(type)),
            Level2AfterMinutes = playbook.Level2AfterMinutes,
            Level3AfterMinutes = playbook.Level3AfterMinutes,
            UpdatedAtUtc = playbook.UpdatedAtUtc,
            UpdatedBy = playbook.UpdatedBy,
        };
    }

    /// <param name="by">The administrator's name, shown as "last changed by".</param>
    public async Task<PlaybookSaveResult> SaveAsync(PlaybookDraft draft, string by, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var playbook = await db.Playbooks.SingleAsync(cancellationToken);
        if (playbook.UpdatedAtUtc != draft.UpdatedAtUtc)
        {
            return new PlaybookSaveResult(false, Error: PlaybookSaveResult.Conflict, ConflictBy: playbook.UpdatedBy, ConflictAtUtc: playbook.UpdatedAtUtc);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = false;
        foreach (var duration in draft.Durations)
        {
            foreach (var (band, minutes) in new[] { (GradeBand.Major, duration.MajorMinutes), (GradeBand.Minor, duration.MinorMinutes) })
            {
                // Only what was edited is set, so "last changed" stays true when an administrator saves without changes.
                if ((int)playbook.DurationOf(duration.Kind, band).TotalMinutes == minutes)
                {
                    continue;
                }

                try
                {
                    playbook.SetDuration(duration.Kind, band, minutes, by, now);
                    changed = true;
                }
                catch (DomainException e)
                {
                    return new PlaybookSaveResult(false, Error: e.Code, Kind: duration.Kind, Band: band);
                }
            }
        }

        foreach (var (type, departments) in draft.Requirements)
        {
            if (!playbook.RequiredFor(type).ToHashSet().SetEquals(departments))
            {
                playbook.SetRequiredDepartments(type, departments, by, now);
                changed = true;
            }
        }

        if (playbook.Level2AfterMinutes != draft.Level2AfterMinutes || playbook.Level3AfterMinutes != draft.Level3AfterMinutes)
        {
            try
            {
                playbook.SetEscalationGaps(draft.Level2AfterMinutes, draft.Level3AfterMinutes, by, now);
                changed = true;
            }
            catch (DomainException e)
            {
                return new PlaybookSaveResult(false, Error: e.Code);
            }
        }

        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PlaybookSaveResult(true, changed);
    }
}

public static class AdminHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlaybookEditing>();
        return builder;
    }
}
