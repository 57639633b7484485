using Disputes.Domain.Incidents;
using Disputes.Domain.Playbooks;

namespace Disputes.Domain.Escalation;

/// <summary>
/// The ladder of DESIGN.md ("Escalation"): level 1 at the step's due time, level 2 the playbook's gap later, level 3
/// the next gap after that. Pure arithmetic on the step's state: a completed, cancelled or paused step has nothing due,
/// and resuming has already moved the due time on by the pause.
/// </summary>
public static class EscalationLadder
{
    public const int StepOwner = 1;
    public const int DutyOfficer = 2;
    public const int CityLeaders = 3;

    public static IReadOnlyList<int> Levels { get; } = [StepOwner, DutyOfficer, CityLeaders];

    public static DateTime DueAt(PlanStep step, int level, Playbook playbook) => DueAt(step.DueAtUtc, level, playbook);

    /// <param name="stepDueAtUtc">The step's own due time, where level 1 falls.</param>
    public static DateTime DueAt(DateTime stepDueAtUtc, int level, Playbook playbook) => level switch
    {
        StepOwner => stepDueAtUtc,
        DutyOfficer => stepDueAtUtc.AddMinutes(playbook.Level2AfterMinutes),
        CityLeaders => stepDueAtUtc.AddMinutes(playbook.Level2AfterMinutes + playbook.Level3AfterMinutes),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Levels are 1 to 3."),
    };

    /// <summary>Whether the step is being watched at all.</summary>
    public static bool IsWatched(PlanStep step) => step.IsOpen && !step.IsPaused;

    /// <summary>The levels that are due at <paramref name="nowUtc"/> (never before) and have not fired yet, lowest first.</summary>
    public static IReadOnlyList<int> DueLevels(PlanStep step, IReadOnlySet<int> escalated, Playbook playbook, DateTime nowUtc) =>
        IsWatched(step)
            ? Levels.Where(l => !escalated.Contains(l) && nowUtc >= DueAt(step, l, playbook)).ToList()
            : [];

    /// <summary>When the next level that has not fired falls due; null when nothing is left to watch.</summary>
    public static DateTime? NextDueAt(PlanStep step, IReadOnlySet<int> escalated, Playbook playbook) =>
        IsWatched(step)
            ? Levels.Where(l => !escalated.Contains(l)).Select(l => (DateTime?)DueAt(step, l, playbook)).FirstOrDefault()
            : null;

    /// <summary>Grade I–II incidents tell the city leaders at once.</summary>
    public static bool AlertsCityLeaders(SeverityGrade grade) => grade.Band() == GradeBand.Major;
}
