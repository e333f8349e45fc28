namespace Reception.Dashboard.Features.Sites;

public static class SiteLookups
{
    /// <summary>Answers 404 for an unknown site before a feature looks for anything in it.</summary>
    public static async Task EnsureSiteExistsAsync(this ReceptionDbContext db, Guid siteId, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            throw NotFoundException.Site(siteId);
        }
    }

    /// <summary>
    /// The called site's item with this id. One of another site answers 404 like an unknown one,
    /// naming <paramref name="what"/> (the thing's name in the caller's language, from its feature's words).
    /// </summary>
    public static async Task<T> FindAtSiteAsync<T>(this IQueryable<T> items, SiteCall call, Guid id, string what)
        where T : class, ISiteOwned =>
        await items.SingleOrDefaultAsync(i => i.SiteId == call.SiteId && i.Id == id, call.Cancellation)
        ?? throw new NotFoundException(what, id);
}
