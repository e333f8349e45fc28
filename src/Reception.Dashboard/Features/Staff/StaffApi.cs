using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure;

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

        // Over HTTP only DELETE unlinks, so that a body that forgot userId cannot.
        staff.MapPut("/{staffId:guid}/user", (ClaimsPrincipal user, Guid siteId, Guid staffId, LinkStaffRequest request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
                request.UserId is null
                    ? throw RuleViolationException.For("userId", ErrorText.Get("Staff.GiveUser"))
                    : service.LinkUserAsync(user, siteId, staffId, request, key, ct))
            .WithSummary("Links the staff record to the account the person signs in with.")
            .RequireSitePermission(Permission.ManageRoles);

        staff.MapDelete("/{staffId:guid}/user", (ClaimsPrincipal user, Guid siteId, Guid staffId, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
                service.LinkUserAsync(user, siteId, staffId, new LinkStaffRequest(null), key, ct))
            .WithSummary("Unlinks the staff record from its account.")
            .RequireSitePermission(Permission.ManageRoles);

        return site;
    }
}
