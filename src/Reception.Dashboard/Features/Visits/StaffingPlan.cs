namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Who stands where for a visit, from its level (§4.3.1.1–4.3.1.3), the site's posts and the duty
/// roster of the day of the arrival. Pure: the service reads the inputs and shows the result for
/// confirmation before anything is written.
/// </summary>
public static class StaffingPlan
{
    /// <summary>A post of the site that can take part.</summary>
    public sealed record SitePost(Guid Id, PostKind Kind, int RouteOrder);

    /// <summary>A roster entry of the arrival's day, with the post it puts the person at.</summary>
    public sealed record Rostered(Guid StaffId, ShiftKind Shift, Guid? PostId);

    public sealed record Planned(Guid PostId, bool OnRoute, int RouteOrder, IReadOnlyList<(Guid StaffId, ShiftKind? Shift, bool CalledIn)> Staff);

    private static readonly PostKind[] SecurityKinds = [PostKind.Gate, PostKind.Lobby, PostKind.PatrolTeam, PostKind.DutyRoom];

    /// <param name="onDuty">The shift running at the arrival; anyone rostered on another shift is called in (§4.5.4).</param>
    public static IReadOnlyList<Planned> For(int level, IReadOnlyList<SitePost> posts, IReadOnlyList<Guid> route, ShiftKind? onDuty, IReadOnlyList<Rostered> roster)
    {
        bool Include(SitePost post) => route.Contains(post.Id) || level switch
        {
            // §4.3.1.1: every post of the security department, all shifts and the patrol team.
            1 => SecurityKinds.Contains(post.Kind),
            // §4.3.1.2: normal posts, with the patrol team.
            2 => post.Kind is PostKind.PatrolTeam or PostKind.DutyRoom,
            // §4.3.1.3: normal posts as usual; the duty room always runs cameras and music (§4.5.1, §4.5.5).
            _ => post.Kind is PostKind.DutyRoom,
        };

        // §4.3.1.1: level 1 calls every shift in; §4.3.1.2: level 2 calls the morning and middle patrol staff in.
        bool Staffs(Rostered entry, SitePost post) => entry.Shift == onDuty || level switch
        {
            1 => true,
            2 => post.Kind == PostKind.PatrolTeam && entry.Shift is ShiftKind.Morning or ShiftKind.Middle,
            _ => false,
        };

        var routeOrder = route.Select((id, i) => (id, i)).ToDictionary(r => r.id, r => r.i + 1);
        return posts.Where(Include)
            .Select(post => new Planned(
                post.Id,
                routeOrder.ContainsKey(post.Id),
                routeOrder.TryGetValue(post.Id, out var order) ? order : route.Count + post.RouteOrder,
                roster.Where(r => r.PostId == post.Id && Staffs(r, post))
                    .Select(r => (r.StaffId, (ShiftKind?)r.Shift, CalledIn: r.Shift != onDuty))
                    .DistinctBy(s => s.StaffId)
                    .ToList()))
            .OrderBy(p => p.RouteOrder)
            .ToList();
    }
}
