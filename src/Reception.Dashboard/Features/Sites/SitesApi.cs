using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Features.Sites;

public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");

        sites.MapGet("/", (SiteService service, CancellationToken ct) => service.ListAsync(ct));

        sites.MapGet("/{siteId:guid}", (Guid siteId, SiteService service, CancellationToken ct) => service.GetAsync(siteId, ct))
            .WithName("GetSite");

        sites.MapPost("/", async (CreateSite request, [FromHeader(Name = "Idempotency-Key")] string? key, SiteService service, CancellationToken ct) =>
        {
            var site = await service.CreateAsync(request, key, ct);
            return TypedResults.CreatedAtRoute(site, "GetSite", new { siteId = site.Id });
        });

        sites.MapPut("/{siteId:guid}", (Guid siteId, UpdateSite request, [FromHeader(Name = "Idempotency-Key")] string? key, SiteService service, CancellationToken ct) =>
            service.UpdateAsync(siteId, request, key, ct));

        return api;
    }
}
