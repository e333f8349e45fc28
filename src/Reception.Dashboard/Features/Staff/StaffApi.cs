using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Features.Staff;

public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder site)
    {
        var staff = site.MapGroup("/staff").WithTags("Staff");

        staff.MapGet("/", (Guid siteId, StaffService service, CancellationToken ct) => service.ListAsync(siteId, ct));

        staff.MapGet("/{staffId:guid}", (Guid siteId, Guid staffId, StaffService service, CancellationToken ct) =>
                service.GetAsync(siteId, staffId, ct))
            .WithName("GetStaff");

        staff.MapPost("/", async (Guid siteId, CreateStaff request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
        {
            var member = await service.CreateAsync(siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(member, "GetStaff", new { siteId, staffId = member.Id });
        });

        staff.MapPut("/{staffId:guid}", (Guid siteId, Guid staffId, UpdateStaff request, [FromHeader(Name = "Idempotency-Key")] string? key, StaffService service, CancellationToken ct) =>
            service.UpdateAsync(siteId, staffId, request, key, ct));

        return site;
    }
}
