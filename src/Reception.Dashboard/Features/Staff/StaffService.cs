using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Staff;

public sealed class StaffService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
    : ISiteResource<StaffDto, CreateStaff, UpdateStaff>
{
    private static readonly CreateStaffValidator CreateValidator = new();
    private static readonly UpdateStaffValidator UpdateValidator = new();

    public async Task<IReadOnlyList<StaffDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewStaff);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        return await db.Staff.AsNoTracking().Where(s => s.SiteId == call.SiteId).OrderBy(s => s.Name).Select(s => s.ToDto()).ToListAsync(call.Cancellation);
    }

    public async Task<StaffDto> GetAsync(SiteCall call, Guid staffId)
    {
        call.Demand(Permission.ViewStaff);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        return (await db.Staff.AsNoTracking().FindAtSiteAsync(call, staffId, AdminText.Get("Entity.Staff member"))).ToDto();
    }

    public Task<StaffDto> CreateAsync(SiteCall call, CreateStaff request)
    {
        var actor = call.Demand(Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        var details = new StaffDetails(request.Name!.Trim(), Validation.TrimToNull(request.Phone), Validation.TrimToNull(request.StaffNumber),
            request.DepartmentId, request.PostId, request.ShiftId, Active: true);
        return writer.WriteAsync(call, actor, $"staff.create:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            await CheckReferencesAsync(db, call, details, exceptId: null);
            var member = StaffMember.Create(call.SiteId, details);
            db.Staff.Add(member);
            events.Add(EventTypes.StaffCreated, member.ToEvent());
            return member.ToDto();
        });
    }

    public Task<StaffDto> UpdateAsync(SiteCall call, Guid staffId, UpdateStaff request)
    {
        var actor = call.Demand(Permission.ManageSite);
        var active = request.Active ?? throw RuleViolationException.For("active", AdminText.Get("Staff.GiveActive"));
        UpdateValidator.EnsureValid(request);
        var details = new StaffDetails(request.Name!.Trim(), Validation.TrimToNull(request.Phone), Validation.TrimToNull(request.StaffNumber),
            request.DepartmentId, request.PostId, request.ShiftId, active);
        return writer.WriteAsync(call, actor, $"staff.update:{staffId}", request, async (db, events) =>
        {
            var member = await db.Staff.FindAtSiteAsync(call, staffId, AdminText.Get("Entity.Staff member"));
            if (member.Details == details)
            {
                return member.ToDto();
            }

            if (member.Version != request.Version)
            {
                throw ConflictException.Stale(AdminText.Get("Entity.Staff record"), member.Version, member.ToDto());
            }

            await CheckReferencesAsync(db, call, details, exceptId: staffId);
            member.Update(details);
            events.Add(EventTypes.StaffUpdated, member.ToEvent());
            return member.ToDto();
        });
    }

    /// <summary>Links the record to the account the person signs in with, or unlinks it when <see cref="LinkStaffRequest.UserId"/> is null.</summary>
    public Task<StaffDto> LinkUserAsync(SiteCall call, Guid staffId, LinkStaffRequest request)
    {
        var actor = call.Demand(Permission.ManageRoles);
        return writer.WriteAsync(call, actor, $"staff.link:{staffId}", request, async (db, events) =>
        {
            var member = await db.Staff.FindAtSiteAsync(call, staffId, AdminText.Get("Entity.Staff member"));
            if (request.UserId is { } userId)
            {
                // A link names the account behind a staff number: only accounts the actor manages.
                await AccountScope.DemandManageableAsync(db, call.User, userId, "userId", call.Cancellation);
                if (await db.Staff.AnyAsync(s => s.SiteId == call.SiteId && s.UserId == userId && s.Id != staffId, call.Cancellation))
                {
                    throw new ConflictException(AdminText.Get("Staff.UserTaken"));
                }
            }

            if (member.LinkUser(request.UserId))
            {
                events.Add(EventTypes.StaffUpdated, member.ToEvent());
            }

            return member.ToDto();
        });
    }

    /// <summary>A department, post or shift of another site, or of none, is a field error: the address itself was fine.</summary>
    private static async Task CheckReferencesAsync(ReceptionDbContext db, SiteCall call, StaffDetails details, Guid? exceptId)
    {
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        var errors = new Dictionary<string, string[]>();
        if (details.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.SiteId == siteId && d.Id == departmentId, ct))
        {
            errors["departmentId"] = [AdminText.Get("Departments.NoSuch")];
        }

        if (details.PostId is { } postId && !await db.Posts.AnyAsync(p => p.SiteId == siteId && p.Id == postId, ct))
        {
            errors["postId"] = [AdminText.Get("Posts.NoSuch")];
        }

        if (details.ShiftId is { } shiftId && !await db.Shifts.AnyAsync(s => s.SiteId == siteId && s.Id == shiftId, ct))
        {
            errors["shiftId"] = [AdminText.Get("Shifts.NoSuch")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        if (details.StaffNumber is { } number && await db.Staff.AnyAsync(s => s.SiteId == siteId && s.StaffNumber == number && s.Id != exceptId, ct))
        {
            throw new ConflictException(AdminText.Get("Staff.NumberTaken", number));
        }
    }
}
