using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Features.Departments;

public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this RouteGroupBuilder site)
    {
        var departments = site.MapGroup("/departments").WithTags("Departments");

        departments.MapGet("/", (Guid siteId, DepartmentService service, CancellationToken ct) => service.ListAsync(siteId, ct));

        departments.MapGet("/{departmentId:guid}", (Guid siteId, Guid departmentId, DepartmentService service, CancellationToken ct) =>
                service.GetAsync(siteId, departmentId, ct))
            .WithName("GetDepartment");

        departments.MapPost("/", async (Guid siteId, CreateDepartment request, [FromHeader(Name = "Idempotency-Key")] string? key, DepartmentService service, CancellationToken ct) =>
        {
            var department = await service.CreateAsync(siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(department, "GetDepartment", new { siteId, departmentId = department.Id });
        });

        departments.MapPut("/{departmentId:guid}", (Guid siteId, Guid departmentId, UpdateDepartment request, [FromHeader(Name = "Idempotency-Key")] string? key, DepartmentService service, CancellationToken ct) =>
            service.UpdateAsync(siteId, departmentId, request, key, ct));

        return site;
    }
}
