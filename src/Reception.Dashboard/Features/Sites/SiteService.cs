using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Sites;

public sealed class SiteService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreateSiteValidator CreateValidator = new();
    private static readonly UpdateSiteValidator UpdateValidator = new();

    public async Task<IReadOnlyList<SiteDto>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return sites.Select(s => s.ToDto()).ToList();
    }

    public async Task<SiteDto> GetAsync(Guid siteId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct);
        return site?.ToDto() ?? throw new NotFoundException("Site", siteId);
    }

    public Task<SiteDto> CreateAsync(CreateSite request, string? idempotencyKey, CancellationToken ct)
    {
        CreateValidator.EnsureValid(request);
        var site = Site.Create(request.Name!.Trim(), request.TimeZoneId!);
        return writer.WriteAsync(site.Id, new Command("sites.create", request, idempotencyKey), (db, events) =>
        {
            db.Sites.Add(site);
            db.SiteStreams.Add(SiteStream.Start(site.Id));
            events.Add(EventTypes.SiteCreated, Changed(site));
            return Task.FromResult(site.ToDto());
        }, ct);
    }

    public Task<SiteDto> UpdateAsync(Guid siteId, UpdateSite request, string? idempotencyKey, CancellationToken ct)
    {
        UpdateValidator.EnsureValid(request);
        return writer.WriteAsync(siteId, new Command($"sites.update:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == siteId, ct)
                ?? throw new NotFoundException("Site", siteId);
            if (site.Name == request.Name!.Trim() && site.TimeZoneId == request.TimeZoneId)
            {
                return site.ToDto();
            }

            if (site.Version != request.Version)
            {
                throw ConflictException.Stale("site", site.Version, site.ToDto());
            }

            site.Update(request.Name.Trim(), request.TimeZoneId!);
            events.Add(EventTypes.SiteUpdated, Changed(site));
            return site.ToDto();
        }, ct);
    }

    private static SiteChanged Changed(Site site) => new(site.Id, site.Name, site.TimeZoneId, site.Version);
}
