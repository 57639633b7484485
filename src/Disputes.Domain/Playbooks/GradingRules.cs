using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;

namespace Disputes.Domain.Playbooks;

/// <summary>
/// DESIGN.md's default grading: the highest grade any line reaches wins. Thresholds are editable with the
/// playbook (<see cref="Playbook.SetGrading"/>, which keeps them in order); which facts raise to which grade is
/// fixed by the plan.
/// </summary>
public sealed class GradingRules
{
    public int WorkersForGradeI { get; private set; } = 300;
    public int WorkersForGradeII { get; private set; } = 100;
    public int WorkersForGradeIII { get; private set; } = 30;
    public long WagesFenForGradeI { get; private set; } = Money.FromYuan(10_000_000).Fen;
    public long WagesFenForGradeII { get; private set; } = Money.FromYuan(3_000_000).Fen;
    public long WagesFenForGradeIII { get; private set; } = Money.FromYuan(500_000).Fen;

    /// <summary>Thresholds already checked by <see cref="Playbook.SetGrading"/>.</summary>
    internal void Change(int workersForGradeI, int workersForGradeII, int workersForGradeIII,
        Money wagesForGradeI, Money wagesForGradeII, Money wagesForGradeIII)
    {
        WorkersForGradeI = workersForGradeI;
        WorkersForGradeII = workersForGradeII;
        WorkersForGradeIII = workersForGradeIII;
        WagesFenForGradeI = wagesForGradeI.Fen;
        WagesFenForGradeII = wagesForGradeII.Fen;
        WagesFenForGradeIII = wagesForGradeIII.Fen;
    }

    /// <summary>
    /// The aggravating facts that raise an incident to <paramref name="grade"/> on their own. Fixed by the plan, not
    /// editable. Besides these, a work stoppage at an enterprise that is not domestically owned is grade III.
    /// </summary>
    public static AggravatingFacts FactsRaisingTo(SeverityGrade grade) => grade switch
    {
        SeverityGrade.I => AggravatingFacts.ThreatOfSelfHarmOrViolence | AggravatingFacts.GatheringAtProvincialOrNationalOffices,
        SeverityGrade.II => AggravatingFacts.RoadBlocking | AggravatingFacts.GatheringAtCityGovernment,
        SeverityGrade.III => AggravatingFacts.MediaAttention,
        _ => AggravatingFacts.None,
    };

    public SeverityGrade Suggest(int workersInvolved, Money wagesOwed, AggravatingFacts facts, IncidentType type, Ownership ownership)
    {
        var grade = SeverityGrade.IV;
        if (workersInvolved >= WorkersForGradeIII || wagesOwed.Fen >= WagesFenForGradeIII
            || (facts & FactsRaisingTo(SeverityGrade.III)) != 0
            || (type == IncidentType.WorkStoppage && ownership != Ownership.Domestic))
        {
            grade = SeverityGrade.III;
        }

        if (workersInvolved >= WorkersForGradeII || wagesOwed.Fen >= WagesFenForGradeII || (facts & FactsRaisingTo(SeverityGrade.II)) != 0)
        {
            grade = SeverityGrade.II;
        }

        if (workersInvolved >= WorkersForGradeI || wagesOwed.Fen >= WagesFenForGradeI || (facts & FactsRaisingTo(SeverityGrade.I)) != 0)
        {
            grade = SeverityGrade.I;
        }

        return grade;
    }
}
