using Reception.Dashboard.Features.Visits;

namespace Reception.Dashboard.Tests.Features.Visits;

public sealed class DeadlineTests
{
    private static readonly DateTime Arrival = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void For_AnnouncedAnHourAhead_IsThirtyMinutesBeforeArrival()
    {
        // §4.5.4, §4.5.5: in position and music on by T-30.
        var (due, dueNow) = Deadline.For(Arrival, 30, setAt: Arrival.AddHours(-1));

        Assert.Equal(Arrival.AddMinutes(-30), due);
        Assert.False(dueNow);
        Assert.False(Deadline.IsShortNotice(Arrival, Arrival.AddHours(-1)));
    }

    [Fact]
    public void For_ShortNotice_IsDueAtOnce_AndLateOnlyAtTheArrival()
    {
        var announced = Arrival.AddMinutes(-20);

        var (due, dueNow) = Deadline.For(Arrival, 30, announced);

        Assert.True(Deadline.IsShortNotice(Arrival, announced));
        Assert.True(dueNow);
        Assert.Equal(Arrival, due);
    }

    [Fact]
    public void For_ExactlyAtTheDeadline_IsNotShortNotice()
    {
        var announced = Arrival.AddMinutes(-30);

        Assert.False(Deadline.IsShortNotice(Arrival, announced));
        Assert.Equal((Arrival.AddMinutes(-30), false), Deadline.For(Arrival, 30, announced));
    }

    [Theory]
    [InlineData("2026-12-02T00:15:00", "2026-12-01T16:15:00", "2026-12-01T15:45:00")] // after midnight: T-30 is the evening before, local 23:45
    [InlineData("2026-12-01T09:00:00", "2026-12-01T01:00:00", "2026-12-01T00:30:00")]
    public void ArrivalUtc_SiteLocalTime_IsReadInTheSitesZone(string local, string expectedUtc, string expectedReadyBy)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var arrival = VisitInput.ArrivalUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), zone);

        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), arrival);
        Assert.Equal(DateTimeKind.Utc, arrival.Kind);
        Assert.Equal(DateTime.Parse(expectedReadyBy, System.Globalization.CultureInfo.InvariantCulture), arrival - Visit.ReadyAhead);
    }

    [Fact]
    public void ArrivalUtc_WithAnOffset_KeepsTheInstant()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var given = DateTimeOffset.Parse("2026-12-01T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        Assert.Equal(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), VisitInput.ArrivalUtc(given, zone));
    }

    [Fact]
    public void ArrivalUtc_ALocalTimeTheClocksSkip_IsRefused()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var refused = Assert.Throws<Reception.Dashboard.Infrastructure.RuleViolationException>(() =>
            VisitInput.ArrivalUtc(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Unspecified), london));
        Assert.True(refused.Errors.ContainsKey("arrival"));
    }
}
