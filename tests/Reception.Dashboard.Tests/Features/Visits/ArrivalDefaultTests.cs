using Reception.Dashboard.Features.Visits;

namespace Reception.Dashboard.Tests.Features.Visits;

public sealed class ArrivalDefaultTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // §4.5.4: everyone in place by T-30, so the form proposes an hour ahead at least, on a whole half hour, site time.
    [Theory]
    [InlineData("2026-12-01T02:05:00Z", "2026-12-01T11:30")] // 10:05 in Beijing
    [InlineData("2026-12-01T02:30:00Z", "2026-12-01T11:30")] // exactly on the half hour: an hour is enough
    [InlineData("2026-12-01T02:30:01Z", "2026-12-01T12:00")]
    [InlineData("2026-12-01T14:50:00Z", "2026-12-02T00:00")] // 22:50: tomorrow's midnight is the next half hour after 23:50
    public void For_TheNextWholeHalfHourAnHourAhead_OnTheSitesClock(string now, string expected)
    {
        var arrival = ArrivalDefault.For(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Beijing);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), arrival);
        Assert.Equal(DateTimeKind.Unspecified, arrival.Kind);
    }

    [Fact]
    public void For_AHalfHourTheClocksSkip_TakesTheFirstThatExists()
    {
        // New York springs forward on 14 March 2027, 02:00 → 03:00; at 00:45 the next half hours 02:00 and 02:30 do not exist.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var arrival = ArrivalDefault.For(DateTimeOffset.Parse("2027-03-14T05:45:00Z", System.Globalization.CultureInfo.InvariantCulture), newYork);

        Assert.Equal(new DateTime(2027, 3, 14, 3, 0, 0), arrival);
    }
}
