using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Staff;

public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder site)
    {
        var staff = site.MapGroup("/staff").WithTags("Staff");

        staff.MapGet("/", (ClaimsPrincipal user, Guid siteId, StaffService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ViewStaff);

        staff.MapGet("/{staffId:guid}", (ClaimsPrincipal user, Guid siteId, Guid staffId, StaffService service, CancellationToken ct) =>
                service.GetAsync(user, siteId, staffId, ct))
            .WithName("GetStaff")
            .RequireSitePermission(Permission.ViewStaff);

        staff.MapPost("/", async (ClaimsPrincipal user, Guid siteId, CreateStaff request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
        {
            var member = await service.CreateAsync(user, siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(member, "GetStaff", new { siteId, staffId = member.Id });
        })
            .RequireSitePermission(Permission.ManageSite);

        staff.MapPut("/{staffId:guid}", (ClaimsPrincipal user, Guid siteId, Guid staffId, UpdateStaff request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
            service.UpdateAsync(user, siteId, staffId, request, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        staff.MapPut("/{staffId:guid}/user", (ClaimsPrincipal user, Guid siteId, Guid staffId, LinkStaffRequest request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
                service.LinkUserAsync(user, siteId, staffId, request, key, ct))
            .WithSummary("Links the staff record to the account the person signs in with (or unlinks it with null).")
            .RequireSitePermission(Permission.ManageRoles);

        return site;
    }
}
