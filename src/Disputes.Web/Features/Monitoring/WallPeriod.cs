using System.Globalization;
using Disputes.Domain;

namespace Disputes.Web.Features.Monitoring;

public enum WallPeriodKind
{
    /// <summary>Monday to today, in China.</summary>
    Week,

    /// <summary>The first of the month to today.</summary>
    Month,

    /// <summary>Days the user chose.</summary>
    Custom,
}

/// <summary>
/// The period the response figures are read over: this week, this month (both roll over at midnight in China) or a
/// custom range of whole China days, the last day included.
/// </summary>
public sealed record WallPeriod(WallPeriodKind Kind, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The longest custom range: three years, the history the city keeps on hand.</summary>
    public const int MaxDays = 3 * 366;

    public static WallPeriod ThisWeek { get; } = new(WallPeriodKind.Week);

    public static WallPeriod ThisMonth { get; } = new(WallPeriodKind.Month);

    /// <summary>A custom range, its ends in order, within the calendar's years and no longer than <see cref="MaxDays"/>.</summary>
    public static WallPeriod Custom(DateOnly from, DateOnly to)
    {
        from = Clamp(from);
        to = Clamp(to);
        if (to < from)
        {
            (from, to) = (to, from);
        }

        return new WallPeriod(WallPeriodKind.Custom, from, to.DayNumber - from.DayNumber >= MaxDays ? from.AddDays(MaxDays - 1) : to);
    }

    private static DateOnly Clamp(DateOnly day) => day < ChinaTime.FirstDay ? ChinaTime.FirstDay : day > ChinaTime.LastDay ? ChinaTime.LastDay : day;

    /// <summary>The first and last day, today being <paramref name="today"/>.</summary>
    public (DateOnly First, DateOnly Last) Days(DateOnly today) => Kind switch
    {
        WallPeriodKind.Week => (today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
        WallPeriodKind.Month => (new DateOnly(today.Year, today.Month, 1), today),
        _ => (From ?? today, To ?? today),
    };

    /// <summary>The period as instants, <c>[from, to)</c> in UTC.</summary>
    public (DateTime FromUtc, DateTime ToUtc) Range(DateOnly today)
    {
        var (first, last) = Days(today);
        return (ChinaTime.StartOfDayUtc(first), ChinaTime.StartOfDayUtc(last.AddDays(1)));
    }

    /// <summary>The link's parameters: <c>period=week</c>, <c>period=month</c> or <c>from=…&amp;to=…</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["period"] = Kind == WallPeriodKind.Week ? "week" : null,
        ["from"] = Kind == WallPeriodKind.Custom ? From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["to"] = Kind == WallPeriodKind.Custom ? To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
    };

    /// <summary>This month unless the link asks for the week or gives both days of a range.</summary>
    public static WallPeriod FromQuery(string? period, string? from, string? to)
    {
        static DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        if (Day(from) is { } first && Day(to) is { } last)
        {
            return Custom(first, last);
        }

        return period == "week" ? ThisWeek : ThisMonth;
    }
}
