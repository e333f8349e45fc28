namespace Reception.Dashboard.Features.Roster;

public static class RosterApi
{
    public static RouteGroupBuilder MapRosterApi(this RouteGroupBuilder site)
    {
        var roster = site.MapGroup("/roster").WithTags("Roster");

        roster.MapGet("/", ([AsParameters] SiteCall call, DateOnly from, int? days, RosterService service) =>
                service.ListAsync(call, from, days ?? 7))
            .WithSummary("Roster entries from a date (the shift's start date, site time) for a number of days.")
            .RequireSitePermission(Permission.ViewStaff);

        roster.MapPut("/{date}/{shiftId:guid}", ([AsParameters] SiteCall call, DateOnly date, Guid shiftId, SetRosterCell request, RosterService service) =>
                service.SetCellAsync(call, date, shiftId, request))
            .WithSummary("Replaces everyone on one shift on one date.")
            .RequireSitePermission(Permission.ManageSite);

        roster.MapPost("/copy-week", ([AsParameters] SiteCall call, CopyRosterWeek request, RosterService service) =>
                service.CopyWeekAsync(call, request))
            .WithSummary("Copies last week into the empty cells of the week starting weekStart.")
            .RequireSitePermission(Permission.ManageSite);

        site.MapGet("/on-duty", ([AsParameters] SiteCall call, DateTime? at, RosterService service) =>
                service.OnDutyAsync(call, at))
            .WithTags("Roster")
            .WithSummary("Who is on duty at an instant (default now), by the site's time zone; night shifts belong to the date they started.")
            .RequireSitePermission(Permission.ViewBoard);

        return site;
    }
}
