using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Departments;

public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this RouteGroupBuilder site)
    {
        var departments = site.MapGroup("/departments").WithTags("Departments");

        departments.MapGet("/", (ClaimsPrincipal user, Guid siteId, DepartmentService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ViewBoard);

        departments.MapGet("/{departmentId:guid}", (ClaimsPrincipal user, Guid siteId, Guid departmentId, DepartmentService service, CancellationToken ct) =>
                service.GetAsync(user, siteId, departmentId, ct))
            .WithName("GetDepartment")
            .RequireSitePermission(Permission.ViewBoard);

        departments.MapPost("/", async (ClaimsPrincipal user, Guid siteId, CreateDepartment request, [FromHeader(Name = "Idempotency-Key")] string? key, DepartmentService service, CancellationToken ct) =>
        {
            var department = await service.CreateAsync(user, siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(department, "GetDepartment", new { siteId, departmentId = department.Id });
        })
            .RequireSitePermission(Permission.ManageSite);

        departments.MapPut("/{departmentId:guid}", (ClaimsPrincipal user, Guid siteId, Guid departmentId, UpdateDepartment request, [FromHeader(Name = "Idempotency-Key")] string? key, DepartmentService service, CancellationToken ct) =>
            service.UpdateAsync(user, siteId, departmentId, request, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        return site;
    }
}
