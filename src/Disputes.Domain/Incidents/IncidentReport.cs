using Disputes.Domain.Enterprises;

namespace Disputes.Domain.Incidents;

/// <summary>What the officer on site reports. <see cref="GradeOverride"/> is set only when they disagree with the suggestion.</summary>
public sealed record IncidentReport(
    int EnterpriseId,
    Ownership EnterpriseOwnership,
    IncidentType Type,
    int WorkersInvolved,
    Money WagesOwed,
    int MonthsInArrears,
    string Location,
    AggravatingFacts Facts,
    string Description,
    GradeOverride? GradeOverride = null)
{
    public const int MaxWorkers = 100_000;
    public const int MaxMonthsInArrears = 120;
    public const int LocationMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int ReasonMaxLength = 500;
    public static readonly Money MaxWages = Money.FromYuan(10_000_000_000m);

    /// <summary>Every rule at once, so a form can show them all; empty when the report is sound.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (EnterpriseId <= 0)
        {
            problems.Add("incident.enterprise-required");
        }

        if (!Enum.IsDefined(Type))
        {
            problems.Add("incident.type-required");
        }

        if (WorkersInvolved is < 1 or > MaxWorkers)
        {
            problems.Add("incident.workers-range");
        }

        if (WagesOwed.Fen < 0 || WagesOwed > MaxWages)
        {
            problems.Add("incident.wages-range");
        }

        if (MonthsInArrears is < 0 or > MaxMonthsInArrears)
        {
            problems.Add("incident.months-range");
        }

        if ((Location ?? string.Empty).Length > LocationMaxLength)
        {
            problems.Add("incident.location-length");
        }

        if ((Description ?? string.Empty).Length > DescriptionMaxLength)
        {
            problems.Add("incident.description-length");
        }

        if ((Facts & ~AggravatingFactsExtensions.All) != 0)
        {
            problems.Add("incident.facts-unknown");
        }

        if (!TypedText.IsClean(Location) || !TypedText.IsClean(Description) || !TypedText.IsClean(GradeOverride?.Reason))
        {
            problems.Add(TypedText.CharactersError);
        }

        if (GradeOverride is { } g && !Enum.IsDefined(g.Grade))
        {
            problems.Add("incident.grade-invalid");
        }

        if (GradeOverride is { } o && (string.IsNullOrWhiteSpace(o.Reason) || o.Reason.Length > ReasonMaxLength))
        {
            problems.Add("incident.grade-reason-required");
        }

        return problems;
    }
}

public sealed record GradeOverride(SeverityGrade Grade, string Reason);

/// <summary><c>ZP-2026-0007</c>: the town's code, the year in China, a sequence without gaps per town and year.</summary>
public readonly record struct IncidentNumber(string TownCode, int Year, int Sequence)
{
    public override string ToString() => $"{TownCode}-{Year}-{Sequence:0000}";
}
