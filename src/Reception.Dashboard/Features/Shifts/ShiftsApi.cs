using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Shifts;

public static class ShiftsApi
{
    public static RouteGroupBuilder MapShiftsApi(this RouteGroupBuilder site)
    {
        var shifts = site.MapGroup("/shifts").WithTags("Shifts");

        shifts.MapGet("/", (ClaimsPrincipal user, Guid siteId, ShiftService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ViewBoard);

        shifts.MapGet("/{shiftId:guid}", (ClaimsPrincipal user, Guid siteId, Guid shiftId, ShiftService service, CancellationToken ct) =>
                service.GetAsync(user, siteId, shiftId, ct))
            .WithName("GetShift")
            .RequireSitePermission(Permission.ViewBoard);

        shifts.MapPost("/", async (ClaimsPrincipal user, Guid siteId, CreateShift request, [FromHeader(Name = "Idempotency-Key")] string? key, ShiftService service, CancellationToken ct) =>
        {
            var shift = await service.CreateAsync(user, siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(shift, "GetShift", new { siteId, shiftId = shift.Id });
        })
            .RequireSitePermission(Permission.ManageSite);

        shifts.MapPut("/{shiftId:guid}", (ClaimsPrincipal user, Guid siteId, Guid shiftId, UpdateShift request, [FromHeader(Name = "Idempotency-Key")] string? key, ShiftService service, CancellationToken ct) =>
            service.UpdateAsync(user, siteId, shiftId, request, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        return site;
    }
}
