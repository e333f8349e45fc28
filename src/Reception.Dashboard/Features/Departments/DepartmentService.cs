using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Departments;

public sealed class DepartmentService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
    : ISiteResource<DepartmentDto, CreateDepartment, UpdateDepartment>
{
    private static readonly CreateDepartmentValidator CreateValidator = new();
    private static readonly UpdateDepartmentValidator UpdateValidator = new();

    public async Task<IReadOnlyList<DepartmentDto>> ListAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        return await db.Departments.AsNoTracking().Where(d => d.SiteId == call.SiteId).OrderBy(d => d.Name).Select(d => d.ToDto()).ToListAsync(call.Cancellation);
    }

    public async Task<DepartmentDto> GetAsync(SiteCall call, Guid departmentId)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        return (await db.Departments.AsNoTracking().FindAtSiteAsync(call, departmentId, AdminText.Get("Entity.Department"))).ToDto();
    }

    public Task<DepartmentDto> CreateAsync(SiteCall call, CreateDepartment request)
    {
        var actor = call.Demand(Permission.ManageSite);
        CreateValidator.EnsureValid(request);
        var name = request.Name!.Trim();
        return writer.WriteAsync(call, actor, $"departments.create:{call.SiteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
            await EnsureNameFreeAsync(db, call, name, exceptId: null);
            var department = Department.Create(call.SiteId, name);
            db.Departments.Add(department);
            events.Add(EventTypes.DepartmentCreated, department.ToEvent());
            return department.ToDto();
        });
    }

    public Task<DepartmentDto> UpdateAsync(SiteCall call, Guid departmentId, UpdateDepartment request)
    {
        var actor = call.Demand(Permission.ManageSite);
        UpdateValidator.EnsureValid(request);
        var name = request.Name!.Trim();
        return writer.WriteAsync(call, actor, $"departments.update:{departmentId}", request, async (db, events) =>
        {
            var department = await db.Departments.FindAtSiteAsync(call, departmentId, AdminText.Get("Entity.Department"));
            if (department.Name == name)
            {
                return department.ToDto();
            }

            if (department.Version != request.Version)
            {
                throw ConflictException.Stale(AdminText.Get("Entity.Department"), department.Version, department.ToDto());
            }

            await EnsureNameFreeAsync(db, call, name, exceptId: departmentId);
            department.Rename(name);
            events.Add(EventTypes.DepartmentUpdated, department.ToEvent());
            return department.ToDto();
        });
    }

    private static async Task EnsureNameFreeAsync(ReceptionDbContext db, SiteCall call, string name, Guid? exceptId)
    {
        if (await db.Departments.AnyAsync(d => d.SiteId == call.SiteId && d.Name == name && d.Id != exceptId, call.Cancellation))
        {
            throw new ConflictException(AdminText.Get("Departments.NameTaken", name));
        }
    }
}
