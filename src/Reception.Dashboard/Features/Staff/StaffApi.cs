using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Staff;

public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder site)
    {
        var staff = site.MapSiteResource<StaffService, StaffDto, CreateStaff, UpdateStaff>(
            "/staff", "Staff", "staffId", s => s.Id, Permission.ViewStaff, Permission.ManageSite);

        // Over HTTP only DELETE unlinks, so that a body that forgot userId cannot.
        staff.MapPut("/{staffId:guid}/user", ([AsParameters] SiteCall call, Guid staffId, LinkStaffRequest request, StaffService service) =>
                request.UserId is null
                    ? throw RuleViolationException.For("userId", AdminText.Get("Staff.GiveUser"))
                    : service.LinkUserAsync(call, staffId, request))
            .WithSummary("Links the staff record to the account the person signs in with.")
            .RequireSitePermission(Permission.ManageRoles);

        staff.MapDelete("/{staffId:guid}/user", ([AsParameters] SiteCall call, Guid staffId, StaffService service) =>
                service.LinkUserAsync(call, staffId, new LinkStaffRequest(null)))
            .WithSummary("Unlinks the staff record from its account.")
            .RequireSitePermission(Permission.ManageRoles);

        return site;
    }
}
