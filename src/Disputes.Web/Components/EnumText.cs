using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Domain.Organisations;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Components;

/// <summary>
/// The one way to name a domain value on screen: the key is the enum's type name and the value
/// (<c>Stage.Reported</c>), so every page says 已登记 for the same thing.
/// </summary>
public static class EnumText
{
    /// <summary>Every enum the UI names; a test checks each value has a text in both languages.</summary>
    public static IReadOnlyList<Type> Named { get; } =
    [
        typeof(IncidentType), typeof(Stage), typeof(SeverityGrade), typeof(GradeBand), typeof(PlanStepKind),
        typeof(DepartmentKind), typeof(AggravatingFacts), typeof(Ownership), typeof(IncidentAction), typeof(TimelineKind),
        typeof(Disputes.Domain.Workers.RecoverySource), typeof(IncidentField),
        typeof(Disputes.Data.SecurityEventType), typeof(Disputes.Data.SecurityEventResult), typeof(Disputes.Data.SignInChannel),
        typeof(Disputes.Data.SessionKind),
    ];

    /// <summary>The short form of a grade, for chips: Ⅰ级 rather than Ⅰ级 特别重大.</summary>
    public const string ShortSuffix = ".Short";

    public static string Key<T>(T value) where T : struct, Enum => $"{typeof(T).Name}.{value}";

    public static string Text<T>(this IStringLocalizer localizer, T value) where T : struct, Enum => localizer[Key(value)];

    public static string ShortText(this IStringLocalizer localizer, SeverityGrade grade) => localizer[Key(grade) + ShortSuffix];

    /// <summary>Each fact set, joined with the Chinese enumeration comma; 无 when there are none.</summary>
    public static string Text(this IStringLocalizer localizer, AggravatingFacts facts) =>
        facts == AggravatingFacts.None
            ? localizer[Key(facts)]
            : string.Join("、", Enum.GetValues<AggravatingFacts>()
                .Where(f => f != AggravatingFacts.None && facts.HasFlag(f))
                .Select(f => localizer[Key(f)].Value));

    /// <summary>Every key <see cref="Text{T}"/> and <see cref="ShortText"/> can build.</summary>
    public static IEnumerable<string> AllKeys() =>
        Named.SelectMany(type => Enum.GetNames(type).Select(name => $"{type.Name}.{name}"))
            .Concat(Enum.GetValues<SeverityGrade>().Select(g => Key(g) + ShortSuffix));
}
