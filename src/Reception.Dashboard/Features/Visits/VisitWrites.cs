namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// The steps every visit use case shares once it has checked its permission: load the visit (or one of
/// its posts) inside the write, change it, announce readiness that moved, and answer what it looks like now.
/// </summary>
public sealed class VisitWrites(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Changes the whole visit in one write; answers the visit.</summary>
    public Task<VisitDto> ChangeVisitAsync(
        SiteCall call, Actor actor, Guid visitId, string operation, object? request,
        Func<ReceptionDbContext, Visit, EventBatch, DateTime, Task> change) =>
        writer.WriteAsync(call, actor, operation, request, async (db, events) =>
        {
            var visit = await VisitLoading.FindAsync(db, call.SiteId, visitId, call.Cancellation);
            var now = Now;
            await change(db, visit, events, now);
            return VisitMapping.ToDto(visit, now);
        });

    /// <summary>Changes one post of an open visit, where the caller may act; answers that post.</summary>
    public async Task<VisitPostDto> ChangePostAsync(
        SiteCall call, Actor actor, Guid visitId, Guid postId, string operation, object? request,
        Func<ReceptionDbContext, Visit, VisitPost, EventBatch, DateTime, Task> change)
    {
        await writer.WriteAsync(call, actor, operation, request, async (db, events) =>
        {
            var visit = await VisitLoading.FindWithPostAsync(db, call.SiteId, visitId, postId, call.Cancellation);
            var visitPost = visit.PostOf(postId);
            await PostAccess.MayActAsync(db, call, visit, postId);
            visit.EnsureOpen();
            var now = Now;
            await change(db, visit, visitPost, events, now);
            AddReadinessChanges(events, visit, now);
            return true;
        });
        return await PostNowAsync(call, visitId, postId);
    }

    /// <summary>One post of a visit as it stands now: what a tick or a report answers, without reading the whole visit again.</summary>
    public async Task<VisitPostDto> PostNowAsync(SiteCall call, Guid visitId, Guid postId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var visit = await VisitLoading.FindWithPostAsync(db, call.SiteId, visitId, postId, call.Cancellation);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, call.Cancellation);
        return VisitMapping.ToPostDto(visit.PostOf(postId), post, Now);
    }

    /// <summary>The visit with every post as it stands now: what a change of the plan answers.</summary>
    public async Task<VisitDetailDto> DetailNowAsync(SiteCall call, Guid visitId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var visit = await VisitLoading.FindAsync(db, call.SiteId, visitId, call.Cancellation);
        return await VisitMapping.ToDetailAsync(db, visit, Now, call.Cancellation);
    }

    /// <summary>Announces each post whose readiness now differs from the one last announced.</summary>
    internal static void AddReadinessChanges(EventBatch events, Visit visit, DateTime now)
    {
        foreach (var post in visit.Posts)
        {
            if (post.Publish(now) is { } state)
            {
                events.Add(EventTypes.PostReadiness, new PostReadinessChanged(visit.Id, post.PostId, state), visit.Id);
            }
        }
    }
}
