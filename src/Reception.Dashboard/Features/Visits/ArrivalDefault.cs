namespace Reception.Dashboard.Features.Visits;

/// <summary>The arrival a new visit's form proposes, before anyone types one.</summary>
public static class ArrivalDefault
{
    // Posts must be ready, off-duty squads in place, 30 minutes before the arrival (T-30, §4.5.4): an
    // hour leaves the other half hour to call people in before that.
    private static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    private static readonly long HalfHour = TimeSpan.FromMinutes(30).Ticks;

    /// <summary>The next whole half hour at least an hour after <paramref name="now"/>, on the site's clock (local, no offset).</summary>
    public static DateTime For(DateTimeOffset now, TimeZoneInfo zone)
    {
        var earliest = TimeZoneInfo.ConvertTime(now + Lead, zone).DateTime;
        var arrival = new DateTime((earliest.Ticks + HalfHour - 1) / HalfHour * HalfHour, DateTimeKind.Unspecified);
        // A half hour the clocks skip when they spring forward does not exist at the site.
        while (zone.IsInvalidTime(arrival))
        {
            arrival = arrival.AddTicks(HalfHour);
        }

        return arrival;
    }
}
