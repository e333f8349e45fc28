using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>The roster of the arrival's day: the shift on duty at the arrival, and where everyone rostered that day stands.</summary>
internal sealed record PlanContext(ShiftKind? OnDuty, IReadOnlyList<StaffingPlan.Rostered> Roster)
{
    internal static async Task<PlanContext> ForAsync(ReceptionDbContext db, Guid siteId, DateTime arrival, CancellationToken ct) =>
        await ForAsync(db, await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, ct), arrival, ct);

    internal static async Task<PlanContext> ForAsync(ReceptionDbContext db, Site site, DateTime arrival, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(arrival, site.TimeZone);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == site.Id).ToListAsync(ct);
        var running = shifts.Select(s => (Shift: s, Date: s.InstanceCovering(local))).FirstOrDefault(s => s.Date is not null);
        var day = running.Date ?? DateOnly.FromDateTime(local);
        var kinds = shifts.ToDictionary(s => s.Id, s => s.Kind);
        var entries = await db.Roster.AsNoTracking()
            .Where(r => r.SiteId == site.Id && r.Date == day)
            .Join(db.Staff.Where(s => s.Active), r => r.StaffId, s => s.Id, (r, s) => new { r.StaffId, r.ShiftId, PostId = r.PostId ?? s.PostId })
            .ToListAsync(ct);
        return new PlanContext(running.Shift?.Kind, entries.Select(e => new StaffingPlan.Rostered(e.StaffId, kinds[e.ShiftId], e.PostId)).ToList());
    }

    /// <summary>The plan the level gives (§4.3.1.1–4.3.1.3).</summary>
    internal IReadOnlyList<StaffingPlan.Planned> LevelPlan(int level, Dictionary<Guid, Post> posts, IReadOnlyList<Guid> route) =>
        StaffingPlan.For(level, posts.Values.Select(p => new StaffingPlan.SitePost(p.Id, p.Kind, p.RouteOrder)).ToList(), route, OnDuty, Roster);

    /// <summary>Staff named for a post: they must work at the site; anyone not on the shift on duty at the arrival is called in.</summary>
    internal async Task<IReadOnlyList<(Guid StaffId, ShiftKind? Shift, bool CalledIn)>> NamedStaffAsync(
        ReceptionDbContext db, Guid siteId, string field, IReadOnlyList<Guid> staffIds, CancellationToken ct)
    {
        if (staffIds.Count > VisitPost.MaxStaff)
        {
            throw RuleViolationException.For(field, VisitText.Get("TooManyStaff", VisitPost.MaxStaff));
        }

        var distinct = staffIds.Distinct().ToList();
        var known = await db.Staff.AsNoTracking().Where(s => s.SiteId == siteId && s.Active && distinct.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (known.Count != distinct.Count)
        {
            throw RuleViolationException.For(field, VisitText.Get("UnknownStaff"));
        }

        return distinct.Select(id =>
        {
            var shift = Roster.Where(r => r.StaffId == id).Select(r => (ShiftKind?)r.Shift).FirstOrDefault();
            return (id, shift, CalledIn: OnDuty is null || shift != OnDuty);
        }).ToList();
    }
}
