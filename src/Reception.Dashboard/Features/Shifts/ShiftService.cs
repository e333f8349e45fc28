using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Shifts;

public sealed class ShiftService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreateShiftValidator CreateValidator = new();
    private static readonly UpdateShiftValidator UpdateValidator = new();

    public async Task<IReadOnlyList<ShiftDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == siteId).ToListAsync(ct);
        return shifts.OrderBy(s => s.Kind).Select(s => s.ToDto()).ToList();
    }

    public async Task<ShiftDto> GetAsync(ClaimsPrincipal user, Guid siteId, Guid shiftId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shift = await db.Shifts.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId && s.Id == shiftId, ct);
        return shift?.ToDto() ?? throw new NotFoundException("Shift", shiftId);
    }

    public Task<ShiftDto> CreateAsync(ClaimsPrincipal user, Guid siteId, CreateShift request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        return writer.WriteAsync(siteId, new Command(actor, $"shifts.create:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            if (await db.Shifts.AnyAsync(s => s.SiteId == siteId && s.Kind == request.Kind, ct))
            {
                throw new ConflictException(ErrorText.Get("ShiftKindTaken", ErrorText.Get($"ShiftKind.{request.Kind}")));
            }

            var shift = Shift.Create(siteId, request.Kind, request.Start!.Value, request.End!.Value);
            db.Shifts.Add(shift);
            events.Add(EventTypes.ShiftCreated, shift.ToEvent());
            return shift.ToDto();
        }, ct);
    }

    public Task<ShiftDto> UpdateAsync(ClaimsPrincipal user, Guid siteId, Guid shiftId, UpdateShift request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        UpdateValidator.EnsureValid(request);
        return writer.WriteAsync(siteId, new Command(actor, $"shifts.update:{shiftId}", request, idempotencyKey), async (db, events) =>
        {
            var shift = await db.Shifts.SingleOrDefaultAsync(s => s.SiteId == siteId && s.Id == shiftId, ct)
                ?? throw new NotFoundException("Shift", shiftId);
            if (shift.Start == request.Start && shift.End == request.End)
            {
                return shift.ToDto();
            }

            if (shift.Version != request.Version)
            {
                throw ConflictException.Stale("shift", shift.Version, shift.ToDto());
            }

            shift.SetHours(request.Start!.Value, request.End!.Value);
            events.Add(EventTypes.ShiftUpdated, shift.ToEvent());
            return shift.ToDto();
        }, ct);
    }
}
