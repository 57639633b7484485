namespace Disputes.Domain.Incidents;

/// <summary>Facts that raise the grade whatever the numbers (DESIGN.md, "Default grading").</summary>
[Flags]
public enum AggravatingFacts
{
    None = 0,

    /// <summary>扬言自残、自杀或实施暴力 — grade I</summary>
    ThreatOfSelfHarmOrViolence = 1,

    /// <summary>到省级或国家机关聚集 — grade I</summary>
    GatheringAtProvincialOrNationalOffices = 2,

    /// <summary>堵塞道路 — grade II</summary>
    RoadBlocking = 4,

    /// <summary>到市政府聚集 — grade II</summary>
    GatheringAtCityGovernment = 8,

    /// <summary>媒体关注 — grade III</summary>
    MediaAttention = 16,
}

public static class AggravatingFactsExtensions
{
    /// <summary>Every fact there is: a bit outside these is not a fact (a crafted request), and is refused.</summary>
    public const AggravatingFacts All = AggravatingFacts.ThreatOfSelfHarmOrViolence | AggravatingFacts.GatheringAtProvincialOrNationalOffices
        | AggravatingFacts.RoadBlocking | AggravatingFacts.GatheringAtCityGovernment | AggravatingFacts.MediaAttention;
}
