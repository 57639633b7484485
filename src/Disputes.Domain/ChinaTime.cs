namespace Disputes.Domain;

/// <summary>
/// Instants are stored in UTC and shown in China Standard Time. China has kept UTC+8 all year since 1991,
/// so a fixed offset is exact and needs no time-zone database on the server.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>
    /// The first and last days a date typed or linked may name: a day outside is a typing mistake, and at the ends of
    /// the calendar moving by the offset (or a day) would overflow.
    /// </summary>
    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    /// <inheritdoc cref="FirstDay"/>
    public static readonly DateOnly LastDay = new(2100, 12, 31);

    public static bool IsWithinCalendar(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static DateTime FromUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc.Kind == DateTimeKind.Utc ? utc + Offset : DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Offset, DateTimeKind.Unspecified);

    public static DateTime Now(TimeProvider clock) => FromUtc(clock.GetUtcNow().UtcDateTime);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    /// <summary>The instant a day begins in China, in UTC: the day before, at 16:00.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}
