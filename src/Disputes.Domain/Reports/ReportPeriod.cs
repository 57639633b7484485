namespace Disputes.Domain.Reports;

/// <summary>A period of whole days in China, both ends included: what a bulletin or an export reports on.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Long enough for a year's review; longer is a mistyped date.</summary>
    public const int MaxDays = 400;

    /// <summary>The first instant of <see cref="From"/> in China, in UTC.</summary>
    public DateTime StartUtc => DateTime.SpecifyKind(From.ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset, DateTimeKind.Utc);

    /// <summary>The first instant after <see cref="To"/> in China, in UTC (exclusive).</summary>
    public DateTime EndUtc => DateTime.SpecifyKind(To.AddDays(1).ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset, DateTimeKind.Utc);

    public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

    /// <summary>The calendar month holding <paramref name="day"/>.</summary>
    public static ReportPeriod MonthOf(DateOnly day) => new(new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1));

    /// <returns>An error code (<c>period.out-of-range</c>, <c>period.order</c>, <c>period.too-long</c>), or null when the period is sound.</returns>
    public string? Problem() =>
        !ChinaTime.IsWithinCalendar(From) || !ChinaTime.IsWithinCalendar(To) ? "period.out-of-range"
        : To < From ? "period.order"
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? "period.too-long"
        : null;
}
