using Reception.Dashboard.Features.Shifts;

namespace Reception.Dashboard.Features.Roster;

/// <summary>A shift running at some instant, and the site's date its roster is filed under.</summary>
internal sealed record RunningShift(Shift Shift, DateOnly Date);

/// <summary>Which of a site's shifts run at an instant: one answer for who is on duty, whose duty it is, and the duty resolver.</summary>
internal static class RunningShifts
{
    /// <summary>
    /// The shifts running at <paramref name="atUtc"/>, read in the site's time zone. A night shift that began yesterday
    /// is yesterday's in the roster: the shift itself says which date covers the instant.
    /// </summary>
    public static async Task<IReadOnlyList<RunningShift>> AtAsync(ReceptionDbContext db, Guid siteId, DateTime atUtc, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct) ?? throw NotFoundException.Site(siteId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(atUtc, site.TimeZone);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == siteId).ToListAsync(ct);
        return shifts
            .Select(s => (Shift: s, Date: s.InstanceCovering(local)))
            .Where(s => s.Date is not null)
            .Select(s => new RunningShift(s.Shift, s.Date!.Value))
            .ToList();
    }
}
