namespace Reception.Dashboard.Features.Departments;

public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this RouteGroupBuilder site)
    {
        site.MapSiteResource<DepartmentService, DepartmentDto, CreateDepartment, UpdateDepartment>(
            "/departments", "Departments", "departmentId", d => d.Id, Permission.ViewBoard, Permission.ManageSite);
        return site;
    }
}
