using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Features.Shifts;

public static class ShiftsApi
{
    public static RouteGroupBuilder MapShiftsApi(this RouteGroupBuilder site)
    {
        var shifts = site.MapGroup("/shifts").WithTags("Shifts");

        shifts.MapGet("/", (Guid siteId, ShiftService service, CancellationToken ct) => service.ListAsync(siteId, ct));

        shifts.MapGet("/{shiftId:guid}", (Guid siteId, Guid shiftId, ShiftService service, CancellationToken ct) =>
                service.GetAsync(siteId, shiftId, ct))
            .WithName("GetShift");

        shifts.MapPost("/", async (Guid siteId, CreateShift request, [FromHeader(Name = "Idempotency-Key")] string? key, ShiftService service, CancellationToken ct) =>
        {
            var shift = await service.CreateAsync(siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(shift, "GetShift", new { siteId, shiftId = shift.Id });
        });

        shifts.MapPut("/{shiftId:guid}", (Guid siteId, Guid shiftId, UpdateShift request, [FromHeader(Name = "Idempotency-Key")] string? key, ShiftService service, CancellationToken ct) =>
            service.UpdateAsync(siteId, shiftId, request, key, ct));

        return site;
    }
}
