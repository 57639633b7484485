using Microsoft.Extensions.Localization;

namespace Disputes.Web.Components;

/// <summary>Minutes as people say them: "30 分钟", "2 小时", "7 天", "1 小时 30 分钟".</summary>
public static class DurationText
{
    public const int MinutesPerHour = 60;
    public const int MinutesPerDay = 24 * MinutesPerHour;

    public static string Duration(this IStringLocalizer localizer, int minutes)
    {
        if (minutes <= 0)
        {
            return localizer["Duration.Minutes", minutes];
        }

        var parts = new List<string>();
        if (minutes / MinutesPerDay is > 0 and var days)
        {
            parts.Add(localizer["Duration.Days", days]);
        }

        if (minutes % MinutesPerDay / MinutesPerHour is > 0 and var hours)
        {
            parts.Add(localizer["Duration.Hours", hours]);
        }

        if (minutes % MinutesPerHour is > 0 and var rest)
        {
            parts.Add(localizer["Duration.Minutes", rest]);
        }

        return string.Join(" ", parts);
    }

    /// <summary>The largest unit that states the duration exactly, for the editor's unit picker.</summary>
    public static int UnitOf(int minutes) =>
        minutes > 0 && minutes % MinutesPerDay == 0 ? MinutesPerDay
        : minutes > 0 && minutes % MinutesPerHour == 0 ? MinutesPerHour
        : 1;
}
