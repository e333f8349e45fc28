using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Roster;

public static class RosterApi
{
    public static RouteGroupBuilder MapRosterApi(this RouteGroupBuilder site)
    {
        var roster = site.MapGroup("/roster").WithTags("Roster");

        roster.MapGet("/", (ClaimsPrincipal user, Guid siteId, DateOnly from, int? days, RosterService service, CancellationToken ct) =>
                service.ListAsync(user, siteId, from, days ?? 7, ct))
            .WithSummary("Roster entries from a date (the shift's start date, site time) for a number of days.")
            .RequireSitePermission(Permission.ViewStaff);

        roster.MapPut("/{date}/{shiftId:guid}", (ClaimsPrincipal user, Guid siteId, DateOnly date, Guid shiftId, SetRosterCell request, [FromHeader(Name = "Idempotency-Key")] string? key, RosterService service, CancellationToken ct) =>
                service.SetCellAsync(user, siteId, date, shiftId, request, key, ct))
            .WithSummary("Replaces everyone on one shift on one date.")
            .RequireSitePermission(Permission.ManageSite);

        roster.MapPost("/copy-week", (ClaimsPrincipal user, Guid siteId, CopyRosterWeek request, [FromHeader(Name = "Idempotency-Key")] string? key, RosterService service, CancellationToken ct) =>
                service.CopyWeekAsync(user, siteId, request, key, ct))
            .WithSummary("Copies last week into the empty cells of the week starting weekStart.")
            .RequireSitePermission(Permission.ManageSite);

        site.MapGet("/on-duty", (ClaimsPrincipal user, Guid siteId, DateTime? at, RosterService service, CancellationToken ct) =>
                service.OnDutyAsync(user, siteId, at, ct))
            .WithTags("Roster")
            .WithSummary("Who is on duty at an instant (default now), by the site's time zone; night shifts belong to the date they started.")
            .RequireSitePermission(Permission.ViewBoard);

        return site;
    }
}
