using System.Globalization;
using Disputes.Domain;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Monitoring;

/// <summary>How the wall says its figures: short enough for a cell of a duty-room display, in the reader's language.</summary>
public static class WallText
{
    /// <summary>"—" where there is nothing to measure.</summary>
    public const string None = "—";

    /// <summary>Two units at most: "3 天 4 小时", "1 小时 5 分钟", "12 分钟"; under a minute is "&lt;1 分钟".</summary>
    public static string Span(this IStringLocalizer localizer, long? seconds)
    {
        if (seconds is not { } total)
        {
            return None;
        }

        var minutes = (int)Math.Min(total / 60, int.MaxValue);
        if (minutes < 1)
        {
            return localizer["Wall.UnderAMinute"];
        }

        var (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        return days > 0 ? Join(localizer["Duration.Days", days], hours > 0 ? localizer["Duration.Hours", hours].Value : null)
            : hours > 0 ? Join(localizer["Duration.Hours", hours], rest > 0 ? localizer["Duration.Minutes", rest].Value : null)
            : localizer["Duration.Minutes", rest];
    }

    /// <summary>
    /// A response time in one unit, for the tables' narrow cells: minutes under two hours, hours under two days, then days,
    /// with a decimal where it helps: "45分钟", "5.2小时", "3.4天".
    /// </summary>
    public static string Compact(this IStringLocalizer localizer, long? seconds)
    {
        if (seconds is not { } total)
        {
            return None;
        }

        var minutes = total / 60d;
        static string One(double value) => value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);
        return minutes < 120 ? localizer["Wall.Compact.Minutes", Math.Round(minutes).ToString("0", CultureInfo.InvariantCulture)]
            : minutes < 48 * 60 ? localizer["Wall.Compact.Hours", One(minutes / 60)]
            : localizer["Wall.Compact.Days", One(minutes / 1440)];
    }

    /// <summary>A town's name without "总工会" / "Trade Union": every row of the wall is a town union.</summary>
    public static string TownName(Board.TownOption town)
    {
        var name = town.DisplayName(Hosting.LocalizationHostingExtensions.IsChinese);
        foreach (var suffix in new[] { "总工会", "工会", " Federation of Trade Unions", " Trade Union" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>An amount as Chinese reports state wages, in 万元 (ten thousand yuan): "356.2 万元"; in English, in millions: "¥3.56 m".</summary>
    public static string Amount(this IStringLocalizer localizer, Money money) => localizer["Wall.Amount", Hosting.LocalizationHostingExtensions.IsChinese
        ? (money.Fen / 1_000_000m).ToString("#,##0.0", CultureInfo.InvariantCulture)
        : (money.Fen / 100_000_000m).ToString("#,##0.00", CultureInfo.InvariantCulture)];

    /// <summary>The amount in the unit <see cref="Amount"/> uses, for a chart's axis.</summary>
    public static double AmountValue(Money money) =>
        Hosting.LocalizationHostingExtensions.IsChinese ? money.Fen / 1_000_000d : money.Fen / 100_000_000d;

    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : None;

    /// <summary>"11月", "Nov": the culture's own short month name.</summary>
    public static string MonthName(DateOnly month) => month.ToString("MMM", CultureInfo.CurrentUICulture);

    private static string Join(string first, string? second) => second is null ? first : $"{first} {second}";
}
