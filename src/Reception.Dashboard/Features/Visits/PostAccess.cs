namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Which posts of a visit a caller stands for: the phone's post, or a post they are named for or usually
/// stand at. The command center, foremen and managers act for any post, on the guard's behalf, as does the
/// product itself (the demo's visit).
/// </summary>
internal static class PostAccess
{
    /// <summary>Whether the caller may act on the post, and whether that is on another's behalf; refuses otherwise.</summary>
    internal static async Task<(bool OnBehalf, bool Commands)> MayActAsync(ReceptionDbContext db, SiteCall call, Visit visit, Guid postId)
    {
        var commands = call.Allows(Permission.TickAnyPost);
        if ((await OwnPostsAsync(db, call, visit)).Contains(postId))
        {
            return (false, commands);
        }

        return commands ? (true, true) : throw new ForbiddenException(VisitText.Get("NotYourPost"));
    }

    internal static async Task<HashSet<Guid>> OwnPostsAsync(ReceptionDbContext db, SiteCall call, Visit visit)
    {
        var ct = call.Cancellation;
        // A phone belongs to one post: whoever signs in on it acts for that post only.
        if (call.User.DeviceIdOf() is { } deviceId)
        {
            var phonePost = await db.Devices.Where(d => d.Id == deviceId && d.SiteId == call.SiteId).Select(d => d.PostId).SingleOrDefaultAsync(ct);
            return phonePost is { } id ? [id] : [];
        }

        if (call.User.UserId() is not { } userId)
        {
            return [];
        }

        var me = await db.Staff.AsNoTracking().Where(s => s.SiteId == call.SiteId && s.UserId == userId).Select(s => new { s.Id, s.PostId }).SingleOrDefaultAsync(ct);
        if (me is null)
        {
            return [];
        }

        var own = visit.Posts.Where(p => p.Staff.Any(s => s.StaffId == me.Id)).Select(p => p.PostId).ToHashSet();
        // Their usual post counts only where the plan names nobody: a named plan says exactly who stands where.
        if (me.PostId is { } usual && visit.Posts.SingleOrDefault(p => p.PostId == usual) is { StaffNamed: false })
        {
            own.Add(usual);
        }

        return own;
    }
}
