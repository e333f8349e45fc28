using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Data;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Sites;

public static class SiteLookups
{
    /// <summary>Answers 404 for an unknown site before a feature looks for anything in it.</summary>
    public static async Task EnsureSiteExistsAsync(this ReceptionDbContext db, Guid siteId, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            throw new NotFoundException("Site", siteId);
        }
    }
}
