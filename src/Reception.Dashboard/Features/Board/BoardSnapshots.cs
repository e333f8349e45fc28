using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Board;

/// <summary>
/// A site's board state and the sequence number it reflects, read in one snapshot so that state and
/// number agree even while writers commit.
/// </summary>
public sealed class BoardSnapshots(IDbContextFactory<ReceptionDbContext> dbFactory)
{
    public async Task<BoardSnapshot> GetAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await db.BeginReadSnapshotAsync(ct);

        var stream = await db.SiteStreams.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId, ct)
            ?? throw NotFoundException.Site(siteId);
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, ct);
        var posts = await db.Posts.AsNoTracking().Where(p => p.SiteId == siteId).InRouteOrder().ToListAsync(ct);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == siteId).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.SiteId == siteId).OrderBy(d => d.Name).ToListAsync(ct);

        return new BoardSnapshot(
            stream.Epoch,
            stream.LastSeq,
            site.ToDto(),
            posts.Select(p => p.ToDto()).ToList(),
            shifts.OrderBy(s => s.Kind).Select(s => s.ToDto()).ToList(),
            departments.Select(d => d.ToDto()).ToList());
    }
}
