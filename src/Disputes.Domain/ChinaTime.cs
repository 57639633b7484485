namespace Disputes.Domain;

/// <summary>
/// Instants are stored in UTC and shown in China Standard Time. China has kept UTC+8 all year since 1991,
/// so a fixed offset is exact and needs no time-zone database on the server.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime FromUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc.Kind == DateTimeKind.Utc ? utc + Offset : DateTime.SpecifyKind(utc, DateTimeKind.Utc) + Offset, DateTimeKind.Unspecified);

    public static DateTime Now(TimeProvider clock) => FromUtc(clock.GetUtcNow().UtcDateTime);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    /// <summary>The instant a day begins in China, in UTC: the day before, at 16:00.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}
