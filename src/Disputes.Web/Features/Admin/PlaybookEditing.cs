using Disputes.Data;
using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Disputes.Web.Features.Admin;

/// <summary>One step kind's timers in both grade bands, as the editor shows them.</summary>
public sealed class DurationDraft(PlanStepKind kind, int majorMinutes, int minorMinutes)
{
    public PlanStepKind Kind { get; } = kind;
    public int MajorMinutes { get; set; } = majorMinutes;
    public int MinorMinutes { get; set; } = minorMinutes;
}

/// <summary>One grade's thresholds, as the editor shows them: a head count, and an amount in yuan as typed (35000, 3.5万).</summary>
public sealed class ThresholdDraft(SeverityGrade grade, int workers, string wages)
{
    public SeverityGrade Grade { get; } = grade;
    public int Workers { get; set; } = workers;
    public string Wages { get; set; } = wages;
}

/// <summary>A kept version of the plan, as the history lists it.</summary>
public sealed record PlaybookVersionSummary(int Version, DateTime SavedAtUtc, string SavedBy);

/// <summary>The playbook as a form: edited freely in the circuit, checked by the domain only on save.</summary>
public sealed class PlaybookDraft
{
    public List<DurationDraft> Durations { get; init; } = [];

    public Dictionary<IncidentType, IReadOnlyCollection<DepartmentKind>> Requirements { get; init; } = [];

    public int Level2AfterMinutes { get; set; }

    public int Level3AfterMinutes { get; set; }

    /// <summary>Grades I, II and III, in that order.</summary>
    public List<ThresholdDraft> Grading { get; init; } = [];

    /// <summary>The version the draft was read from: a save over someone else's newer change is refused.</summary>
    public int Version { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>The latest kept versions, newest first.</summary>
    public IReadOnlyList<PlaybookVersionSummary> History { get; init; } = [];
}

/// <summary>
/// What a save did. <see cref="Kind"/> and <see cref="Band"/> name the timer the domain refused, when it was a timer;
/// <see cref="Grade"/> the grade whose wages threshold could not be read as an amount (a <c>money.*</c> error).
/// </summary>
public sealed record PlaybookSaveResult(bool Succeeded, bool Changed = false, string? Error = null, PlanStepKind? Kind = null, GradeBand? Band = null,
    string? ConflictBy = null, DateTime? ConflictAtUtc = null, SeverityGrade? Grade = null)
{
    public const string Conflict = "playbook.conflict";
}

/// <summary>
/// Reads the playbook for the editor and saves an edited one through the domain's own methods, in one short-lived
/// context: the first rule broken stops the save before anything reaches the database. A save that changes anything
/// is one new version of the plan, kept beside it in the same transaction.
/// </summary>
public sealed class PlaybookEditing(IDbContextFactory<DisputesDbContext> dbFactory, TimeProvider clock, AuditLog audit)
{
    public const int HistoryLength = 10;

    private static readonly SeverityGrade[] GradedByThresholds = [SeverityGrade.I, SeverityGrade.II, SeverityGrade.III];

    public async Task<PlaybookDraft> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var playbook = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
        return new PlaybookDraft
        {
            Durations = Playbook.TimedKinds
                .Select(kind => new DurationDraft(kind, (int)playbook.DurationOf(kind, GradeBand.Major).TotalMinutes,
                    (int)playbook.DurationOf(kind, GradeBand.Minor).TotalMinutes))
                .ToList(),
            Requirements = Enum.GetValues<IncidentType>().ToDictionary(type => type, type => (IReadOnlyCollection<DepartmentKind>)playbook.RequiredFor(type)),
            Level2AfterMinutes = playbook.Level2AfterMinutes,
            Level3AfterMinutes = playbook.Level3AfterMinutes,
            Grading = GradedByThresholds.Zip(WorkersOf(playbook.Grading), WagesOf(playbook.Grading))
                .Select(t => new ThresholdDraft(t.First, t.Second, Yuan(t.Third)))
                .ToList(),
            Version = playbook.Version,
            UpdatedAtUtc = playbook.UpdatedAtUtc,
            UpdatedBy = playbook.UpdatedBy,
            History = await db.PlaybookVersions.AsNoTracking()
                .OrderByDescending(v => v.Version)
                .Take(HistoryLength)
                .Select(v => new PlaybookVersionSummary(v.Version, v.SavedAtUtc, v.SavedBy))
                .ToListAsync(cancellationToken),
        };
    }

    /// <param name="administrator">Who saves: their name is shown as "last changed by", and the version is on the audit trail.</param>
    public async Task<PlaybookSaveResult> SaveAsync(PlaybookDraft draft, Actor administrator, CancellationToken cancellationToken = default)
    {
        var by = administrator.Name;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var playbook = await db.Playbooks.SingleAsync(cancellationToken);
        if (playbook.Version != draft.Version)
        {
            return Conflict(playbook);
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
                try
                {
                    playbook.SetRequiredDepartments(type, departments, by, now);
                }
                catch (DomainException e)
                {
                    return new PlaybookSaveResult(false, Error: e.Code);
                }

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

        var wages = new List<Money>();
        foreach (var threshold in draft.Grading)
        {
            if (!Money.TryParse(threshold.Wages, out var amount, out var error))
            {
                return new PlaybookSaveResult(false, Error: error, Grade: threshold.Grade);
            }

            wages.Add(amount);
        }

        var workers = draft.Grading.Select(t => t.Workers).ToList();
        if (!workers.SequenceEqual(WorkersOf(playbook.Grading)) || !wages.Select(w => w.Fen).SequenceEqual(WagesOf(playbook.Grading)))
        {
            try
            {
                playbook.SetGrading(workers[0], workers[1], workers[2], wages[0], wages[1], wages[2], by, now);
                changed = true;
            }
            catch (DomainException e)
            {
                return new PlaybookSaveResult(false, Error: e.Code);
            }
        }

        if (!changed)
        {
            return new PlaybookSaveResult(true);
        }

        var version = playbook.SaveVersion(by, now);
        db.PlaybookVersions.Add(version);
        var who = await AuditWho.OfAsync(db, administrator, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, [who.Did(now, AuditTypes.PlaybookVersionSaved, AuditTypes.PlaybookObject(playbook.Version))], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write: their version stands, and ours rolled back whole.
            var current = await db.Playbooks.AsNoTracking().SingleAsync(cancellationToken);
            if (current.Version == draft.Version)
            {
                throw;
            }

            return Conflict(current);
        }

        return new PlaybookSaveResult(true, Changed: true);
    }

    private static PlaybookSaveResult Conflict(Playbook current) =>
        new(false, Error: PlaybookSaveResult.Conflict, ConflictBy: current.UpdatedBy, ConflictAtUtc: current.UpdatedAtUtc);

    private static int[] WorkersOf(GradingRules grading) => [grading.WorkersForGradeI, grading.WorkersForGradeII, grading.WorkersForGradeIII];

    private static long[] WagesOf(GradingRules grading) => [grading.WagesFenForGradeI, grading.WagesFenForGradeII, grading.WagesFenForGradeIII];

    private static string Yuan(long fen) => new Money(fen).Yuan.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

public static class AdminHostingExtensions
{
    public static IHostApplicationBuilder AddDisputesAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlaybookEditing>();
        builder.Services.AddSingleton<SecurityEventQueries>();
        return builder;
    }
}
