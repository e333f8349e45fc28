using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Shifts;

public sealed class ShiftService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
    : ISiteResource<ShiftDto, CreateShift, UpdateShift>
{
    private static readonly CreateShiftValidator CreateValidator = new();
    private static readonly UpdateShiftValidator UpdateValidator = new();

    public async Task<IReadOnlyList<ShiftDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == call.SiteId).ToListAsync(call.Cancellation);
        return shifts.OrderBy(s => s.Kind).Select(s => s.ToDto()).ToList();
    }

    public async Task<ShiftDto> GetAsync(SiteCall call, Guid shiftId)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        return (await db.Shifts.AsNoTracking().FindAtSiteAsync(call, shiftId, AdminText.Get("Entity.Shift"))).ToDto();
    }

    public Task<ShiftDto> CreateAsync(SiteCall call, CreateShift request)
    {
        var actor = call.Demand(Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        return writer.WriteAsync(call, actor, $"shifts.create:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            if (await db.Shifts.AnyAsync(s => s.SiteId == call.SiteId && s.Kind == request.Kind, call.Cancellation))
            {
                throw new ConflictException(AdminText.Get($"Shifts.KindTaken.{request.Kind}"));
            }

            var shift = Shift.Create(call.SiteId, request.Kind, request.Start!.Value, request.End!.Value);
            db.Shifts.Add(shift);
            events.Add(EventTypes.ShiftCreated, shift.ToEvent());
            return shift.ToDto();
        });
    }

    public Task<ShiftDto> UpdateAsync(SiteCall call, Guid shiftId, UpdateShift request)
    {
        var actor = call.Demand(Permission.ManageSite);
        UpdateValidator.EnsureValid(request);
        return writer.WriteAsync(call, actor, $"shifts.update:{shiftId}", request, async (db, events) =>
        {
            var shift = await db.Shifts.FindAtSiteAsync(call, shiftId, AdminText.Get("Entity.Shift"));
            if (shift.Start == request.Start && shift.End == request.End)
            {
                return shift.ToDto();
            }

            if (shift.Version != request.Version)
            {
                throw ConflictException.Stale(AdminText.Get("Entity.Shift"), shift.Version, shift.ToDto());
            }

            shift.SetHours(request.Start!.Value, request.End!.Value);
            events.Add(EventTypes.ShiftUpdated, shift.ToEvent());
            return shift.ToDto();
        });
    }
}
