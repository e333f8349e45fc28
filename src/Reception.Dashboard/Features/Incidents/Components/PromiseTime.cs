using System.Globalization;

namespace Reception.Dashboard.Features.Incidents.Components;

/// <summary>A promise's time as the desk reads it: on the site's clock, and marked as it nears (desk §4.3).</summary>
public static class PromiseTime
{
    /// <summary>A promise due within this is marked "due soon": time enough to reply still.</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromMinutes(15);

    /// <summary>Not yet kept, not yet overdue, and due within <see cref="Soon"/>.</summary>
    public static bool IsDueSoon(IncidentPromiseDto promise, DateTime now) =>
        promise.State == PromiseState.Pending && promise.DueAt - now <= Soon;

    /// <summary>"16:30" today at the site, "05-14 16:30" another day.</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone, DateTime now)
    {
        var at = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        return at.ToString(at.Date == today ? "HH:mm" : "MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The value of a datetime-local field for a time on the site's clock.</summary>
    public static string Field(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
