namespace Reception.Dashboard.Features.Shifts;

public static class ShiftsApi
{
    public static RouteGroupBuilder MapShiftsApi(this RouteGroupBuilder site)
    {
        site.MapSiteResource<ShiftService, ShiftDto, CreateShift, UpdateShift>(
            "/shifts", "Shifts", "shiftId", s => s.Id, Permission.ViewBoard, Permission.ManageSite);
        return site;
    }
}
