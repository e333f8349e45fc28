namespace Reception.Dashboard.Features.Visits;

/// <summary>Deadline maths, in UTC: the site's zone matters only for reading and showing times.</summary>
public static class Deadline
{
    public static bool IsShortNotice(DateTime arrival, DateTime setAt) => arrival - Visit.ReadyAhead < setAt;

    /// <summary>
    /// An item's deadline: <paramref name="minutesBefore"/> before the arrival, or, when that has already
    /// passed as the deadline is set, the arrival itself, marked due at once rather than late.
    /// </summary>
    public static (DateTime DueAt, bool DueNow) For(DateTime arrival, int minutesBefore, DateTime setAt)
    {
        var due = arrival - TimeSpan.FromMinutes(minutesBefore);
        return due < setAt ? (arrival, true) : (due, false);
    }
}
