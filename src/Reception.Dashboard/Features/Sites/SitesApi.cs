using Microsoft.AspNetCore.Mvc;

namespace Reception.Dashboard.Features.Sites;

public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");

        // Listing and creating sites come before there is a site to call: these two bind the caller themselves.
        sites.MapGet("/", (ClaimsPrincipal user, SiteService service, CancellationToken ct) => service.ListAsync(user, ct))
            .RequireAuthorization();

        sites.MapGet("/{siteId:guid}", ([AsParameters] SiteCall call, SiteService service) => service.GetAsync(call))
            .WithName("GetSite")
            .RequireSitePermission(Permission.ViewBoard);

        sites.MapPost("/", async (ClaimsPrincipal user, CreateSite request, [FromHeader(Name = "Idempotency-Key")] string? key, SiteService service, CancellationToken ct) =>
        {
            var site = await service.CreateAsync(user, request, key, ct);
            return TypedResults.CreatedAtRoute(site, "GetSite", new { siteId = site.Id });
        })
            .RequireAuthorization(SitePermissionPolicies.SystemAdmin);

        sites.MapPut("/{siteId:guid}", ([AsParameters] SiteCall call, UpdateSite request, SiteService service) => service.UpdateAsync(call, request))
            .RequireSitePermission(Permission.ManageSite);

        return api;
    }
}
