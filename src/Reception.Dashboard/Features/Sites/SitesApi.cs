using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Sites;

public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTags("Sites");

        sites.MapGet("/", (ClaimsPrincipal user, SiteService service, CancellationToken ct) => service.ListAsync(user, ct))
            .RequireAuthorization();

        sites.MapGet("/{siteId:guid}", (ClaimsPrincipal user, Guid siteId, SiteService service, CancellationToken ct) => service.GetAsync(user, siteId, ct))
            .WithName("GetSite")
            .RequireSitePermission(Permission.ViewBoard);

        sites.MapPost("/", async (ClaimsPrincipal user, CreateSite request, [FromHeader(Name = "Idempotency-Key")] string? key, SiteService service, CancellationToken ct) =>
        {
            var site = await service.CreateAsync(user, request, key, ct);
            return TypedResults.CreatedAtRoute(site, "GetSite", new { siteId = site.Id });
        })
            .RequireAuthorization(SitePermissionPolicies.SystemAdmin);

        sites.MapPut("/{siteId:guid}", (ClaimsPrincipal user, Guid siteId, UpdateSite request, [FromHeader(Name = "Idempotency-Key")] string? key, SiteService service, CancellationToken ct) =>
            service.UpdateAsync(user, siteId, request, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        return api;
    }
}
