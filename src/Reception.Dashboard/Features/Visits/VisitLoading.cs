using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>How the visit use cases read visits and what they need beside them, the same way everywhere.</summary>
internal static class VisitLoading
{
    /// <summary>A visit with everything the board shows of it.</summary>
    internal static IQueryable<Visit> Load(ReceptionDbContext db) =>
        db.Visits.Include(v => v.Posts).ThenInclude(p => p.Items).Include(v => v.Posts).ThenInclude(p => p.Staff)
            .Include(v => v.Orders).ThenInclude(o => o.Recipients).Include(v => v.Violations).Include(v => v.Notices)
            .AsSplitQuery();

    /// <summary>
    /// The visit with only one of its posts: what a tick, a problem or a deadline of that post touches. A
    /// visit of a hundred posts is then not read whole for each of the hundreds of ticks before T-30.
    /// </summary>
    internal static IQueryable<Visit> LoadPost(ReceptionDbContext db, Guid postId) =>
        db.Visits.Include(v => v.Posts.Where(p => p.PostId == postId)).ThenInclude(p => p.Items)
            .Include(v => v.Posts.Where(p => p.PostId == postId)).ThenInclude(p => p.Staff)
            .AsSplitQuery();

    internal static async Task<Visit> FindAsync(ReceptionDbContext db, Guid siteId, Guid visitId, CancellationToken ct) =>
        await Load(db).SingleOrDefaultAsync(v => v.SiteId == siteId && v.Id == visitId, ct)
        ?? throw new NotFoundException(VisitText.Get("Entity.Visit"), visitId);

    internal static async Task<Visit> FindWithPostAsync(ReceptionDbContext db, Guid siteId, Guid visitId, Guid postId, CancellationToken ct) =>
        await LoadPost(db, postId).SingleOrDefaultAsync(v => v.SiteId == siteId && v.Id == visitId, ct)
        ?? throw new NotFoundException(VisitText.Get("Entity.Visit"), visitId);

    internal static Task<Guid?> PostOfItemAsync(ReceptionDbContext db, Guid visitId, Guid itemId, CancellationToken ct) =>
        db.VisitItems.Where(i => i.Id == itemId)
            .Join(db.Set<VisitPost>().Where(p => p.VisitId == visitId), i => i.VisitPostId, p => p.Id, (i, p) => (Guid?)p.PostId)
            .SingleOrDefaultAsync(ct);

    internal static async Task<Dictionary<Guid, Post>> ActivePostsAsync(ReceptionDbContext db, Guid siteId, CancellationToken ct) =>
        await db.Posts.Where(p => p.SiteId == siteId && !p.Archived).ToDictionaryAsync(p => p.Id, ct);

    internal static async Task<Dictionary<Guid, string>> PostNamesAsync(ReceptionDbContext db, Visit visit, CancellationToken ct)
    {
        var ids = visit.Posts.Select(p => p.PostId).ToList();
        return await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    /// <summary>The site's template; a site that never had one gets the default (DOMAIN §2) written on first use.</summary>
    internal static async Task<List<ChecklistTemplateItem>> TemplateAsync(ReceptionDbContext db, Guid siteId, CancellationToken ct)
    {
        var items = await db.ChecklistTemplate.Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct);
        if (items.Count > 0)
        {
            return items;
        }

        items = DefaultChecklist.For(siteId).ToList();
        db.ChecklistTemplate.AddRange(items);
        return items;
    }
}
