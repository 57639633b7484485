using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class IncidentReportTests
{
    public static TheoryData<string, string> MalformedReports() => new()
    {
        { "no workers", "incident.workers-range" },
        { "too many workers", "incident.workers-range" },
        { "negative wages", "incident.wages-range" },
        { "wages beyond ten billion", "incident.wages-range" },
        { "121 months", "incident.months-range" },
        { "negative months", "incident.months-range" },
        { "201-character location", "incident.location-length" },
        { "4001-character description", "incident.description-length" },
        { "no enterprise", "incident.enterprise-required" },
        { "undefined type", "incident.type-required" },
    };

    [Theory]
    [MemberData(nameof(MalformedReports))]
    public void A_malformed_report_names_its_problem_and_is_not_logged(string fault, string code)
    {
        var report = Malformed(fault);

        Assert.Equal([code], report.Problems());
        var error = Assert.Throws<DomainException>(() => Logged(report));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var report = Report() with
        {
            EnterpriseId = 0,
            WorkersInvolved = 0,
            WagesOwed = new Money(-1),
            MonthsInArrears = 121,
            Location = new string('地', 201),
            Description = new string('述', 4001),
        };

        Assert.Equal(
            ["incident.enterprise-required", "incident.workers-range", "incident.wages-range", "incident.months-range",
             "incident.location-length", "incident.description-length"],
            report.Problems());
    }

    [Fact]
    public void Reports_at_every_limit_are_sound()
    {
        var report = Report() with
        {
            WorkersInvolved = 1,
            WagesOwed = Money.Zero,
            MonthsInArrears = 120,
            Location = new string('地', 200),
            Description = new string('述', 4000),
        };

        Assert.Empty(report.Problems());
        Assert.Empty((report with { WorkersInvolved = IncidentReport.MaxWorkers, WagesOwed = IncidentReport.MaxWages, MonthsInArrears = 0 }).Problems());
    }

    [Fact]
    public void Markup_and_long_text_within_the_limits_are_stored_exactly_as_given()
    {
        const string location = "<script>alert('厂区')</script>";
        var description = "<img src=x onerror=alert(1)> & \"引号\" " + new string('述', 3900) + "</textarea>";
        Assert.True(description.Length <= IncidentReport.DescriptionMaxLength);

        var incident = Logged(Report() with { Location = location, Description = description });
        incident.AddProgressNote(ZhangpuOfficer, "<b>加粗</b><script>x()</script>", DefaultPlaybook(), ReportedAt.AddHours(1));

        Assert.Equal(location, incident.Location);
        Assert.Equal(description, incident.Description);
        Assert.Equal(new IncidentEvent.Note("<b>加粗</b><script>x()</script>"), incident.Timeline[^1].Event);
    }

    [Theory]
    [InlineData("yushan-officer")]
    [InlineData("yushan-chair")]
    [InlineData("labor-liaison")]
    [InlineData("zhangpu-justice-liaison")]
    [InlineData("city-leader")]
    [InlineData("administrator")]
    public void Only_the_towns_own_staff_or_the_duty_officer_may_log_an_incident(string who)
    {
        var error = Assert.Throws<DomainException>(() => Logged(by: Actors[who]));

        Assert.Equal("incident.not-allowed", error.Code);
    }

    [Theory]
    [InlineData("zhangpu-officer")]
    [InlineData("zhangpu-chair")]
    [InlineData("duty-officer")]
    public void The_towns_own_staff_and_the_duty_officer_may_log_an_incident(string who)
    {
        var incident = Logged(by: Actors[who]);

        Assert.Equal(ZhangpuId, incident.TownId);
        Assert.Equal(Actors[who].UserId, incident.ReportedByUserId);
    }

    [Fact]
    public void The_incident_number_is_the_towns_code_the_year_and_a_four_digit_sequence()
    {
        Assert.Equal("ZP-2026-0007", new IncidentNumber("ZP", 2026, 7).ToString());
        Assert.Equal("YS-2027-1234", new IncidentNumber("YS", 2027, 1234).ToString());
    }

    private static IncidentReport Malformed(string fault) => fault switch
    {
        "no workers" => Report() with { WorkersInvolved = 0 },
        "too many workers" => Report() with { WorkersInvolved = IncidentReport.MaxWorkers + 1 },
        "negative wages" => Report() with { WagesOwed = Money.FromYuan(-0.01m) },
        "wages beyond ten billion" => Report() with { WagesOwed = IncidentReport.MaxWages + new Money(1) },
        "121 months" => Report() with { MonthsInArrears = 121 },
        "negative months" => Report() with { MonthsInArrears = -1 },
        "201-character location" => Report() with { Location = new string('地', 201) },
        "4001-character description" => Report() with { Description = new string('述', 4001) },
        "no enterprise" => Report() with { EnterpriseId = 0 },
        "undefined type" => Report() with { Type = (IncidentType)99 },
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };
}
