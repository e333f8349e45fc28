using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Staff;

public sealed class StaffService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreateStaffValidator CreateValidator = new();
    private static readonly UpdateStaffValidator UpdateValidator = new();

    public async Task<IReadOnlyList<StaffDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewStaff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        return await db.Staff.AsNoTracking().Where(s => s.SiteId == siteId).OrderBy(s => s.Name).Select(s => s.ToDto()).ToListAsync(ct);
    }

    public async Task<StaffDto> GetAsync(ClaimsPrincipal user, Guid siteId, Guid staffId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewStaff);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId && s.Id == staffId, ct);
        return member?.ToDto() ?? throw new NotFoundException("Staff member", staffId);
    }

    public Task<StaffDto> CreateAsync(ClaimsPrincipal user, Guid siteId, CreateStaff request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        var details = new StaffDetails(request.Name!.Trim(), Validation.TrimToNull(request.Phone), Validation.TrimToNull(request.StaffNumber),
            request.DepartmentId, request.PostId, request.ShiftId, Active: true);
        return writer.WriteAsync(siteId, new Command(actor, $"staff.create:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await CheckReferencesAsync(db, siteId, details, exceptId: null, ct);
            var member = StaffMember.Create(siteId, details);
            db.Staff.Add(member);
            events.Add(EventTypes.StaffCreated, member.ToEvent());
            return member.ToDto();
        }, ct);
    }

    public Task<StaffDto> UpdateAsync(ClaimsPrincipal user, Guid siteId, Guid staffId, UpdateStaff request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        var active = request.Active ?? throw RuleViolationException.For("active", ErrorText.Get("Staff.GiveActive"));
        UpdateValidator.EnsureValid(request);
        var details = new StaffDetails(request.Name!.Trim(), Validation.TrimToNull(request.Phone), Validation.TrimToNull(request.StaffNumber),
            request.DepartmentId, request.PostId, request.ShiftId, active);
        return writer.WriteAsync(siteId, new Command(actor, $"staff.update:{staffId}", request, idempotencyKey), async (db, events) =>
        {
            var member = await db.Staff.SingleOrDefaultAsync(s => s.SiteId == siteId && s.Id == staffId, ct)
                ?? throw new NotFoundException("Staff member", staffId);
            if (member.Details == details)
            {
                return member.ToDto();
            }

            if (member.Version != request.Version)
            {
                throw ConflictException.Stale("staff record", member.Version, member.ToDto());
            }

            await CheckReferencesAsync(db, siteId, details, exceptId: staffId, ct);
            member.Update(details);
            events.Add(EventTypes.StaffUpdated, member.ToEvent());
            return member.ToDto();
        }, ct);
    }

    public Task<StaffDto> LinkUserAsync(ClaimsPrincipal user, Guid siteId, Guid staffId, LinkStaffRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageRoles);
        return writer.WriteAsync(siteId, new Command(actor, $"staff.link:{staffId}", request, idempotencyKey), async (db, events) =>
        {
            var member = await db.Staff.SingleOrDefaultAsync(s => s.SiteId == siteId && s.Id == staffId, ct)
                ?? throw new NotFoundException("Staff member", staffId);
            if (request.UserId is { } userId)
            {
                // A link names the account behind a staff number: only accounts the actor manages.
                await AccountScope.DemandManageableAsync(db, user, userId, "userId", ct);
                if (await db.Staff.AnyAsync(s => s.SiteId == siteId && s.UserId == userId && s.Id != staffId, ct))
                {
                    throw new ConflictException(ErrorText.Get("Staff.UserTaken"));
                }
            }

            if (member.LinkUser(request.UserId))
            {
                events.Add(EventTypes.StaffUpdated, member.ToEvent());
            }

            return member.ToDto();
        }, ct);
    }

    /// <summary>A department, post or shift of another site, or of none, is a field error: the address itself was fine.</summary>
    private static async Task CheckReferencesAsync(ReceptionDbContext db, Guid siteId, StaffDetails details, Guid? exceptId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (details.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.SiteId == siteId && d.Id == departmentId, ct))
        {
            errors["departmentId"] = [ErrorText.Get("NoSuchDepartment")];
        }

        if (details.PostId is { } postId && !await db.Posts.AnyAsync(p => p.SiteId == siteId && p.Id == postId, ct))
        {
            errors["postId"] = [ErrorText.Get("NoSuchPost")];
        }

        if (details.ShiftId is { } shiftId && !await db.Shifts.AnyAsync(s => s.SiteId == siteId && s.Id == shiftId, ct))
        {
            errors["shiftId"] = [ErrorText.Get("NoSuchShift")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        if (details.StaffNumber is { } number && await db.Staff.AnyAsync(s => s.SiteId == siteId && s.StaffNumber == number && s.Id != exceptId, ct))
        {
            throw new ConflictException(ErrorText.Get("Staff.NumberTaken", number));
        }
    }
}
