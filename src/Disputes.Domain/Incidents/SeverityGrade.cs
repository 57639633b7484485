namespace Disputes.Domain.Incidents;

/// <summary>响应等级. The numeric value orders them: a lower number is more severe.</summary>
public enum SeverityGrade
{
    /// <summary>特别重大</summary>
    I = 1,

    /// <summary>重大</summary>
    II = 2,

    /// <summary>较大</summary>
    III = 3,

    /// <summary>一般</summary>
    IV = 4,
}

/// <summary>The emergency plan sets its timers per band: grades I–II are major, III–IV minor.</summary>
public enum GradeBand
{
    Major,
    Minor,
}

public static class SeverityGradeExtensions
{
    public static GradeBand Band(this SeverityGrade grade) => grade <= SeverityGrade.II ? GradeBand.Major : GradeBand.Minor;

    /// <summary>The more severe of two grades.</summary>
    public static SeverityGrade Worst(this SeverityGrade a, SeverityGrade b) => (SeverityGrade)Math.Min((int)a, (int)b);
}
