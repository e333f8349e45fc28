using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Departments;

public sealed class DepartmentService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    private static readonly CreateDepartmentValidator CreateValidator = new();
    private static readonly UpdateDepartmentValidator UpdateValidator = new();

    public async Task<IReadOnlyList<DepartmentDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        return await db.Departments.AsNoTracking().Where(d => d.SiteId == siteId).OrderBy(d => d.Name).Select(d => d.ToDto()).ToListAsync(ct);
    }

    public async Task<DepartmentDto> GetAsync(ClaimsPrincipal user, Guid siteId, Guid departmentId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.SiteId == siteId && d.Id == departmentId, ct);
        return department?.ToDto() ?? throw new NotFoundException("Department", departmentId);
    }

    public Task<DepartmentDto> CreateAsync(ClaimsPrincipal user, Guid siteId, CreateDepartment request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        var name = request.Name!.Trim();
        return writer.WriteAsync(siteId, new Command(actor, $"departments.create:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await EnsureNameFreeAsync(db, siteId, name, exceptId: null, ct);
            var department = Department.Create(siteId, name);
            db.Departments.Add(department);
            events.Add(EventTypes.DepartmentCreated, department.ToEvent());
            return department.ToDto();
        }, ct);
    }

    public Task<DepartmentDto> UpdateAsync(ClaimsPrincipal user, Guid siteId, Guid departmentId, UpdateDepartment request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageSite);
        UpdateValidator.EnsureValid(request);
        var name = request.Name!.Trim();
        return writer.WriteAsync(siteId, new Command(actor, $"departments.update:{departmentId}", request, idempotencyKey), async (db, events) =>
        {
            var department = await db.Departments.SingleOrDefaultAsync(d => d.SiteId == siteId && d.Id == departmentId, ct)
                ?? throw new NotFoundException("Department", departmentId);
            if (department.Name == name)
            {
                return department.ToDto();
            }

            if (department.Version != request.Version)
            {
                throw ConflictException.Stale("department", department.Version, department.ToDto());
            }

            await EnsureNameFreeAsync(db, siteId, name, exceptId: departmentId, ct);
            department.Rename(name);
            events.Add(EventTypes.DepartmentUpdated, department.ToEvent());
            return department.ToDto();
        }, ct);
    }

    private static async Task EnsureNameFreeAsync(ReceptionDbContext db, Guid siteId, string name, Guid? exceptId, CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(d => d.SiteId == siteId && d.Name == name && d.Id != exceptId, ct))
        {
            throw new ConflictException(ErrorText.Get("DepartmentNameTaken", name));
        }
    }
}
