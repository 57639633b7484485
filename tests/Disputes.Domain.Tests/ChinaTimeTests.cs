using Microsoft.Extensions.Time.Testing;

namespace Disputes.Domain.Tests;

public sealed class ChinaTimeTests
{
    [Fact]
    public void China_standard_time_is_eight_hours_ahead_of_utc_all_year()
    {
        Assert.Equal(new DateTime(2026, 1, 1, 8, 0, 0), ChinaTime.FromUtc(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 7, 1, 7, 30, 0), ChinaTime.FromUtc(new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Now_reads_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0), ChinaTime.Now(clock));
    }
}
