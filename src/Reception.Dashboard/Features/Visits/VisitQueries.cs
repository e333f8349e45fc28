namespace Reception.Dashboard.Features.Visits;

/// <summary>The visits as the board, a visit's page, the guard's phone, the wall and the archive's index read them.</summary>
public sealed class VisitQueries(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Visits still to come or under way, and those that closed in the last day.</summary>
    public async Task<IReadOnlyList<VisitDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var now = Now;
        return (await CurrentAsync(db, call.SiteId, now, call.Cancellation)).Select(v => VisitMapping.ToDto(v, now)).ToList();
    }

    /// <summary>Visits that ended or were cancelled, newest first: the way into their archives (§4.2.3).</summary>
    public async Task<IReadOnlyList<VisitDto>> PastAsync(SiteCall call, int limit)
    {
        call.Demand(Permission.ViewBoard);
        if (limit is < 1 or > 500)
        {
            throw RuleViolationException.For("limit", ErrorText.Get("Limit", 500));
        }

        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var visits = await VisitLoading.Load(db).AsNoTracking()
            .Where(v => v.SiteId == call.SiteId && (v.Status == VisitStatus.Ended || v.Status == VisitStatus.Cancelled))
            .OrderByDescending(v => v.Arrival).Take(limit).ToListAsync(call.Cancellation);
        var now = Now;
        return visits.Select(v => VisitMapping.ToDto(v, now)).ToList();
    }

    /// <summary>The same visits with every post: what the board and the wall show.</summary>
    public async Task<IReadOnlyList<VisitDetailDto>> ListDetailsAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var now = Now;
        return await VisitMapping.ToDetailsAsync(db, await CurrentAsync(db, call.SiteId, now, call.Cancellation), now, call.Cancellation);
    }

    /// <summary>One visit with every post, item, order, violation and notice.</summary>
    public async Task<VisitDetailDto> GetAsync(SiteCall call, Guid visitId)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var visit = await VisitLoading.FindAsync(db, call.SiteId, visitId, call.Cancellation);
        return await VisitMapping.ToDetailAsync(db, visit, Now, call.Cancellation);
    }

    /// <summary>The open visits in which the caller may tick a post, with those posts: what the Guard page shows.</summary>
    public async Task<IReadOnlyList<(VisitDetailDto Visit, VisitPostDto Post)>> MyPostsAsync(SiteCall call)
    {
        call.Demand(Permission.TickOwnPost);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var visits = await VisitLoading.Load(db).AsNoTracking()
            .Where(v => v.SiteId == call.SiteId && (v.Status == VisitStatus.Planned || v.Status == VisitStatus.InProgress))
            .ToListAsync(call.Cancellation);
        var now = Now;
        var result = new List<(VisitDetailDto, VisitPostDto)>();
        var ordered = visits.OrderBy(v => v.Arrival).ToList();
        var details = await VisitMapping.ToDetailsAsync(db, ordered, now, call.Cancellation);
        for (var i = 0; i < ordered.Count; i++)
        {
            var own = await PostAccess.OwnPostsAsync(db, call, ordered[i]);
            result.AddRange(details[i].Posts.Where(p => own.Contains(p.PostId)).Select(p => (details[i], p)));
        }

        return result;
    }

    private static async Task<List<Visit>> CurrentAsync(ReceptionDbContext db, Guid siteId, DateTime now, CancellationToken ct)
    {
        await db.EnsureSiteExistsAsync(siteId, ct);
        var since = now.AddDays(-1);
        var visits = await VisitLoading.Load(db).AsNoTracking()
            .Where(v => v.SiteId == siteId && (v.Status == VisitStatus.Planned || v.Status == VisitStatus.InProgress || v.EndedAt >= since))
            .ToListAsync(ct);
        return visits.OrderBy(v => v.Arrival).ToList();
    }
}
