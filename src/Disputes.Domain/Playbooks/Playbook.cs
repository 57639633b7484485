using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Domain.Playbooks;

/// <summary>How long a step may take in one grade band.</summary>
public sealed class StepDuration
{
    public PlanStepKind Kind { get; set; }
    public GradeBand Band { get; set; }
    public int Minutes { get; set; }
}

/// <summary>A department an incident type always needs.</summary>
public sealed class DepartmentRequirement
{
    public IncidentType Type { get; set; }
    public DepartmentKind Department { get; set; }
}

/// <summary>
/// The emergency plan (应急预案): the timers of each step per grade band, the departments each incident type
/// requires, the grading thresholds and the escalation ladder's gaps. There is one, stored in the database
/// and edited by administrators. A change applies to steps created after it: existing steps keep their due times.
/// Each save is a numbered version (<see cref="SaveVersion"/>), kept whole as a <see cref="PlaybookVersion"/>.
/// </summary>
public sealed class Playbook
{
    public const int MaxMinutes = 366 * 24 * 60;

    public int Id { get; private set; }

    /// <summary>1 for the plan as first seeded; one more for every save, however many of its parts that save changed.</summary>
    public int Version { get; private set; } = 1;

    public List<StepDuration> Durations { get; private set; } = [];

    public List<DepartmentRequirement> Requirements { get; private set; } = [];

    public GradingRules Grading { get; private set; } = new();

    /// <summary>Escalation level 2 comes this long after level 1.</summary>
    public int Level2AfterMinutes { get; private set; } = 30;

    /// <summary>Level 3 comes this long after level 2.</summary>
    public int Level3AfterMinutes { get; private set; } = 60;

    public DateTime UpdatedAtUtc { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public static Playbook Default(DateTime nowUtc)
    {
        var playbook = new Playbook { UpdatedAtUtc = nowUtc, UpdatedBy = "system" };
        void Set(PlanStepKind kind, int majorMinutes, int minorMinutes)
        {
            playbook.Durations.Add(new StepDuration { Kind = kind, Band = GradeBand.Major, Minutes = majorMinutes });
            playbook.Durations.Add(new StepDuration { Kind = kind, Band = GradeBand.Minor, Minutes = minorMinutes });
        }

        Set(PlanStepKind.ArriveOnScene, 30, 60);
        Set(PlanStepKind.InitialReport, 30, 60);
        Set(PlanStepKind.WrittenReport, 2 * 60, 24 * 60);
        Set(PlanStepKind.EngageDepartment, 60, 4 * 60);
        Set(PlanStepKind.DepartmentAcknowledges, 30, 2 * 60);
        Set(PlanStepKind.ProgressUpdate, 12 * 60, 24 * 60);
        Set(PlanStepKind.Resolve, 7 * 24 * 60, 15 * 24 * 60);
        Set(PlanStepKind.FollowUpVisit, 30 * 24 * 60, 30 * 24 * 60);

        void Require(IncidentType type, params DepartmentKind[] departments) =>
            playbook.Requirements.AddRange(departments.Select(d => new DepartmentRequirement { Type = type, Department = d }));

        Require(IncidentType.AbscondingOwner, DepartmentKind.LaborInspection, DepartmentKind.Police, DepartmentKind.Justice);
        Require(IncidentType.WageArrears, DepartmentKind.LaborInspection, DepartmentKind.Justice);
        Require(IncidentType.Closure, DepartmentKind.LaborInspection, DepartmentKind.Justice, DepartmentKind.Petition);
        Require(IncidentType.CollectivePayDispute, DepartmentKind.LaborInspection, DepartmentKind.PoliticalLegal);
        Require(IncidentType.WorkStoppage, DepartmentKind.LaborInspection, DepartmentKind.PoliticalLegal, DepartmentKind.Safety, DepartmentKind.Police);
        return playbook;
    }

    /// <summary>The steps the plan times; a department's own task carries the due time it was given.</summary>
    public static IReadOnlyList<PlanStepKind> TimedKinds { get; } = Enum.GetValues<PlanStepKind>().Where(k => k != PlanStepKind.Task).ToList();

    public TimeSpan DurationOf(PlanStepKind kind, GradeBand band) =>
        TimeSpan.FromMinutes(Durations.Single(d => d.Kind == kind && d.Band == band).Minutes);

    public IReadOnlyList<DepartmentKind> RequiredFor(IncidentType type) =>
        Requirements.Where(r => r.Type == type).Select(r => r.Department).Distinct().Order().ToList();

    public void SetDuration(PlanStepKind kind, GradeBand band, int minutes, string by, DateTime nowUtc)
    {
        if (minutes is < 1 or > MaxMinutes)
        {
            throw new DomainException("playbook.duration", $"A step takes 1 minute to {MaxMinutes} minutes, not {minutes}.");
        }

        Durations.Single(d => d.Kind == kind && d.Band == band).Minutes = minutes;
        Touch(by, nowUtc);
    }

    public void SetRequiredDepartments(IncidentType type, IEnumerable<DepartmentKind> departments, string by, DateTime nowUtc)
    {
        // An unknown department would be engaged with every incident of the type, and has no office to answer for it.
        if (!Enum.IsDefined(type) || departments.Any(d => !Enum.IsDefined(d)))
        {
            throw new DomainException("playbook.department-unknown", $"Not a type and departments of the plan: {type}, {string.Join(", ", departments)}.");
        }

        Requirements.RemoveAll(r => r.Type == type);
        Requirements.AddRange(departments.Distinct().Select(d => new DepartmentRequirement { Type = type, Department = d }));
        Touch(by, nowUtc);
    }

    public void SetEscalationGaps(int level2AfterMinutes, int level3AfterMinutes, string by, DateTime nowUtc)
    {
        if (level2AfterMinutes is < 1 or > MaxMinutes || level3AfterMinutes is < 1 or > MaxMinutes)
        {
            throw new DomainException("playbook.duration", "Escalation gaps are 1 minute or more.");
        }

        Level2AfterMinutes = level2AfterMinutes;
        Level3AfterMinutes = level3AfterMinutes;
        Touch(by, nowUtc);
    }

    /// <summary>
    /// Sets the grading thresholds, all six at once so they are checked together: workers involved
    /// I &gt; II &gt; III ≥ 1, wages owed I &gt; II &gt; III &gt; 0 in whole yuan.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>playbook.grading-workers</c> (a head count below 1), <c>playbook.grading-wages</c> (an amount of 0 or less,
    /// over <see cref="Money.Max"/> or not in whole yuan), <c>playbook.grading-order</c> (a grade's threshold not above
    /// the next lower grade's). Nothing is changed.
    /// </exception>
    public void SetGrading(int workersForGradeI, int workersForGradeII, int workersForGradeIII,
        Money wagesForGradeI, Money wagesForGradeII, Money wagesForGradeIII, string by, DateTime nowUtc)
    {
        if (Math.Min(workersForGradeI, Math.Min(workersForGradeII, workersForGradeIII)) < 1)
        {
            throw new DomainException("playbook.grading-workers",
                $"Workers-involved thresholds are whole numbers of at least 1, not {workersForGradeI}/{workersForGradeII}/{workersForGradeIII}.");
        }

        if (new[] { wagesForGradeI, wagesForGradeII, wagesForGradeIII }.Any(w => w <= Money.Zero || w > Money.Max || w.Fen % Money.FenPerYuan != 0))
        {
            throw new DomainException("playbook.grading-wages",
                $"Wages-owed thresholds are whole yuan above zero, not {wagesForGradeI}/{wagesForGradeII}/{wagesForGradeIII}.");
        }

        if (workersForGradeI <= workersForGradeII || workersForGradeII <= workersForGradeIII
            || wagesForGradeI <= wagesForGradeII || wagesForGradeII <= wagesForGradeIII)
        {
            throw new DomainException("playbook.grading-order",
                $"Each grade's thresholds must be above the next lower grade's: workers {workersForGradeI}/{workersForGradeII}/{workersForGradeIII}, " +
                $"wages {wagesForGradeI}/{wagesForGradeII}/{wagesForGradeIII}.");
        }

        Grading.Change(workersForGradeI, workersForGradeII, workersForGradeIII, wagesForGradeI, wagesForGradeII, wagesForGradeIII);
        Touch(by, nowUtc);
    }

    /// <summary>
    /// Ends one save: the changes made since the last version become the next version, returned for keeping.
    /// Call it once per save, after the last change, so one save is one version.
    /// </summary>
    public PlaybookVersion SaveVersion(string by, DateTime nowUtc)
    {
        Version++;
        Touch(by, nowUtc);
        return PlaybookVersion.Of(this);
    }

    private void Touch(string by, DateTime nowUtc)
    {
        UpdatedBy = by;
        UpdatedAtUtc = nowUtc;
    }
}
