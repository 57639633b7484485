using Disputes.Domain.Incidents;

namespace Disputes.Domain.Tests.Incidents;

public sealed class GradeValidationTests
{
    [Fact]
    public void A_grade_that_does_not_exist_is_refused_when_logging()
    {
        var report = new IncidentReport(1, Disputes.Domain.Enterprises.Ownership.Domestic, IncidentType.WageArrears, 10, Money.FromYuan(1000), 1, "", AggravatingFacts.None, "",
            new GradeOverride((SeverityGrade)7, "手误"));

        Assert.Contains("incident.grade-invalid", report.Problems());
    }
}
