using Reception.Dashboard.Features.Admin;
namespace Reception.Dashboard.Features.Sites;

public sealed class SiteService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreateSiteValidator CreateValidator = new();
    private static readonly UpdateSiteValidator UpdateValidator = new();

    /// <summary>The sites the user holds a role at; every site for a system administrator.</summary>
    public async Task<IReadOnlyList<SiteDto>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        Access.DemandSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return sites.Where(s => Access.SeesSite(user, s.Id)).Select(s => s.ToDto()).ToList();
    }

    /// <summary>The sites' names, for the public start page: a property's name is no secret.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
    }

    public async Task<SiteDto> GetAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == call.SiteId, call.Cancellation);
        return site?.ToDto() ?? throw NotFoundException.Site(call.SiteId);
    }

    public Task<SiteDto> CreateAsync(ClaimsPrincipal user, CreateSite request, string? idempotencyKey, CancellationToken ct)
    {
        Access.DemandSystemAdmin(user);
        CreateValidator.EnsureValid(request);
        var site = Site.Create(request.Name!.Trim(), request.TimeZoneId!);
        var actor = Access.Demand(user, site.Id, Permission.ManageSite);
        return writer.WriteAsync(site.Id, new Command(actor, "sites.create", request, idempotencyKey), (db, events) =>
        {
            db.Sites.Add(site);
            db.SiteStreams.Add(SiteStream.Start(site.Id));
            events.Add(EventTypes.SiteCreated, Changed(site));
            return Task.FromResult(site.ToDto());
        }, ct);
    }

    public Task<SiteDto> UpdateAsync(SiteCall call, UpdateSite request)
    {
        var actor = call.Demand(Permission.ManageSite);
        UpdateValidator.EnsureValid(request);
        return writer.WriteAsync(call, actor, $"sites.update:{call.SiteId}", request, async (db, events) =>
        {
            var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == call.SiteId, call.Cancellation)
                ?? throw NotFoundException.Site(call.SiteId);
            if (site.Name == request.Name!.Trim() && site.TimeZoneId == request.TimeZoneId)
            {
                return site.ToDto();
            }

            if (site.Version != request.Version)
            {
                throw ConflictException.Stale(AdminText.Get("Entity.Site"), site.Version, site.ToDto());
            }

            site.Update(request.Name.Trim(), request.TimeZoneId!);
            events.Add(EventTypes.SiteUpdated, Changed(site));
            return site.ToDto();
        });
    }

    private static SiteChanged Changed(Site site) => new(site.Id, site.Name, site.TimeZoneId, site.Version);
}
