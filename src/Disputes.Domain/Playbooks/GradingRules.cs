using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;

namespace Disputes.Domain.Playbooks;

/// <summary>
/// DESIGN.md's default grading: the highest grade any line reaches wins. Thresholds are editable with the
/// playbook; which facts raise to which grade is fixed by the plan.
/// </summary>
public sealed class GradingRules
{
    public int WorkersForGradeI { get; set; } = 300;
    public int WorkersForGradeII { get; set; } = 100;
    public int WorkersForGradeIII { get; set; } = 30;
    public long WagesFenForGradeI { get; set; } = Money.FromYuan(10_000_000).Fen;
    public long WagesFenForGradeII { get; set; } = Money.FromYuan(3_000_000).Fen;
    public long WagesFenForGradeIII { get; set; } = Money.FromYuan(500_000).Fen;

    public SeverityGrade Suggest(int workersInvolved, Money wagesOwed, AggravatingFacts facts, IncidentType type, Ownership ownership)
    {
        var grade = SeverityGrade.IV;
        if (workersInvolved >= WorkersForGradeIII || wagesOwed.Fen >= WagesFenForGradeIII
            || facts.HasFlag(AggravatingFacts.MediaAttention)
            || (type == IncidentType.WorkStoppage && ownership != Ownership.Domestic))
        {
            grade = SeverityGrade.III;
        }

        if (workersInvolved >= WorkersForGradeII || wagesOwed.Fen >= WagesFenForGradeII
            || (facts & (AggravatingFacts.RoadBlocking | AggravatingFacts.GatheringAtCityGovernment)) != 0)
        {
            grade = SeverityGrade.II;
        }

        if (workersInvolved >= WorkersForGradeI || wagesOwed.Fen >= WagesFenForGradeI
            || (facts & (AggravatingFacts.ThreatOfSelfHarmOrViolence | AggravatingFacts.GatheringAtProvincialOrNationalOffices)) != 0)
        {
            grade = SeverityGrade.I;
        }

        return grade;
    }
}
