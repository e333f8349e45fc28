using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Visits;

public static class VisitsApi
{
    public static RouteGroupBuilder MapVisitsApi(this RouteGroupBuilder site)
    {
        var visits = site.MapGroup("/visits").WithTags("Visits");

        visits.MapGet("/", ([AsParameters] SiteCall call, VisitQueries queries) => queries.ListAsync(call))
            .WithSummary("Visits planned or under way, and those that closed in the last day.")
            .RequireSitePermission(Permission.ViewBoard);

        visits.MapGet("/past", ([AsParameters] SiteCall call, int? limit, VisitQueries queries) => queries.PastAsync(call, limit ?? 100))
            .WithSummary("Visits that ended or were cancelled, newest first (the archive's index, §4.2.3).")
            .RequireSitePermission(Permission.ViewBoard);

        visits.MapGet("/plan", ([AsParameters] SiteCall call, int? level, DateTime? arrival, [FromQuery] Guid[]? route, VisitPlanning planning) =>
                planning.PlanAsync(call, level ?? 0, arrival, route))
            .WithSummary("The staffing plan a level gives for an arrival and route (§4.3.1), to confirm before announcing.")
            .RequireSitePermission(Permission.ManageVisits);

        visits.MapPost("/", async ([AsParameters] SiteCall call, AnnounceVisit request, VisitAnnouncing announcing) =>
        {
            var visit = await announcing.AnnounceAsync(call, request);
            return TypedResults.CreatedAtRoute(visit, "GetVisit", new { siteId = call.SiteId, visitId = visit.Visit.Id });
        })
            .WithSummary("Announces a visit. Without posts the plan the level gives is used; route posts always take part.")
            .RequireSitePermission(Permission.ManageVisits);

        var visit = visits.MapGroup("/{visitId:guid}");

        visit.MapGet("/", ([AsParameters] SiteCall call, Guid visitId, VisitQueries queries) => queries.GetAsync(call, visitId))
            .WithName("GetVisit")
            .RequireSitePermission(Permission.ViewBoard);

        visit.MapPost("/reschedule", ([AsParameters] SiteCall call, Guid visitId, RescheduleVisit request, VisitLifecycle lifecycle) =>
                lifecycle.RescheduleAsync(call, visitId, request))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/cancel", ([AsParameters] SiteCall call, Guid visitId, CancelVisit request, VisitLifecycle lifecycle) =>
                lifecycle.CancelAsync(call, visitId, request))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/arrive", ([AsParameters] SiteCall call, Guid visitId, VisitLifecycle lifecycle) =>
                lifecycle.ArriveAsync(call, visitId))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/arrival/undo", ([AsParameters] SiteCall call, Guid visitId, VisitLifecycle lifecycle) =>
                lifecycle.UndoArrivalAsync(call, visitId))
            .WithSummary("Takes back an arrival marked by mistake, within five minutes of it: the visit is planned again, its deadlines armed again.")
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/end", ([AsParameters] SiteCall call, Guid visitId, VisitLifecycle lifecycle) =>
                lifecycle.EndAsync(call, visitId))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/posts", ([AsParameters] SiteCall call, Guid visitId, AddVisitPost request, VisitPlanning planning) =>
                planning.AddPostAsync(call, visitId, request))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapDelete("/posts/{postId:guid}", ([AsParameters] SiteCall call, Guid visitId, Guid postId, VisitPlanning planning) =>
                planning.RemovePostAsync(call, visitId, postId))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPut("/posts/{postId:guid}/staff", ([AsParameters] SiteCall call, Guid visitId, Guid postId, AssignVisitStaff request, VisitPlanning planning) =>
                planning.AssignStaffAsync(call, visitId, postId, request))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/posts/{postId:guid}/problem", ([AsParameters] SiteCall call, Guid visitId, Guid postId, ReportPostProblem request, PostDuty duty) =>
                duty.ReportProblemAsync(call, visitId, postId, request))
            .WithSummary("Reports a problem at the post (it shows as blocked); a Guard only at their own post.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapDelete("/posts/{postId:guid}/problem", ([AsParameters] SiteCall call, Guid visitId, Guid postId, PostDuty duty) =>
                duty.ClearProblemAsync(call, visitId, postId))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/items/{itemId:guid}/tick", ([AsParameters] SiteCall call, Guid visitId, Guid itemId, PostDuty duty) =>
                duty.TickAsync(call, visitId, itemId))
            .WithSummary("Ticks a checklist item; a Guard only at their own post, the command center on their behalf. Ticking twice changes nothing.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/items/{itemId:guid}/undo", ([AsParameters] SiteCall call, Guid visitId, Guid itemId, PostDuty duty) =>
                duty.UndoAsync(call, visitId, itemId))
            .WithSummary("Takes a tick back, within a minute of it.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/report", ([AsParameters] SiteCall call, Guid visitId, ForemanReport report) =>
                report.ComposeAsync(call, visitId))
            .WithSummary("Composes the foreman's readiness report (§4.4.3) from the posts' state now.")
            .RequireSitePermission(Permission.ReportReadiness);

        visit.MapPost("/report/acknowledge", ([AsParameters] SiteCall call, Guid visitId, ForemanReport report) =>
                report.AcknowledgeAsync(call, visitId))
            .RequireSitePermission(Permission.AcknowledgeReport);

        visit.MapPost("/orders", ([AsParameters] SiteCall call, Guid visitId, SendOrder request, Orders orders) =>
                orders.SendAsync(call, visitId, request))
            .WithSummary("Sends an order to the posts named, or, with allPosts, to every post of the visit (§4.4.2).")
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/orders/{orderId:guid}/acknowledge", ([AsParameters] SiteCall call, Guid visitId, Guid orderId, AcknowledgeOrder request, Orders orders) =>
                orders.AcknowledgeAsync(call, visitId, orderId, request))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/posts/{postId:guid}/leave", ([AsParameters] SiteCall call, Guid visitId, Guid postId, RequestLeave request, PostAttendance attendance) =>
                attendance.RequestLeaveAsync(call, visitId, postId, request))
            .WithSummary("A guard asks to leave the post (§4.2.1).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/posts/{postId:guid}/leave/decision", ([AsParameters] SiteCall call, Guid visitId, Guid postId, DecideLeave request, PostAttendance attendance) =>
                attendance.DecideLeaveAsync(call, visitId, postId, request))
            .WithSummary("A foreman approves, naming a replacement, or refuses; approving without one leaves the post empty.")
            .RequireSitePermission(Permission.TickAnyPost);

        visit.MapPut("/posts/{postId:guid}/presence", ([AsParameters] SiteCall call, Guid visitId, Guid postId, SetPresence request, PostAttendance attendance) =>
                attendance.SetPresenceAsync(call, visitId, postId, request))
            .WithSummary("Reports the post manned again, or left empty (an alarm during a visit).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/violations", ([AsParameters] SiteCall call, Guid visitId, ReportViolation request, Violations violations) =>
                violations.ReportAsync(call, visitId, request))
            .WithSummary("Reports a violation or outsider on the grounds or the route (§4.2.2, §4.4.4, §4.5.2).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/violations/{violationId:guid}/clear", ([AsParameters] SiteCall call, Guid visitId, Guid violationId, Violations violations) =>
                violations.ClearAsync(call, visitId, violationId))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/notices/{noticeId:guid}/done", ([AsParameters] SiteCall call, Guid visitId, Guid noticeId, Notices notices) =>
                notices.CompleteAsync(call, visitId, noticeId))
            .WithSummary("Engineering marks its notice done: water features on (§4.5.3).")
            .RequireSitePermission(Permission.CompleteNotices);

        visit.MapGet("/timeline", ([AsParameters] SiteCall call, Guid visitId, VisitArchive archive) =>
                archive.TimelineAsync(call, visitId))
            .WithSummary("The visit's archive (§4.2.3): every event in order, with who did it.")
            .RequireSitePermission(Permission.ViewStaff);

        visit.MapGet("/timeline/export", async ([AsParameters] SiteCall call, Guid visitId, VisitArchive archive) =>
                CsvFile.Download(await archive.CsvAsync(call, visitId), $"visit-{visitId:N}.csv"))
            .RequireSitePermission(Permission.ViewStaff);

        var template = site.MapGroup("/checklist-template").WithTags("Visits");
        template.MapGet("/", ([AsParameters] SiteCall call, ChecklistTemplateService service) => service.GetAsync(call))
            .RequireSitePermission(Permission.ViewBoard);
        template.MapPut("/", ([AsParameters] SiteCall call, SetChecklistTemplate request, ChecklistTemplateService service) =>
                service.SetAsync(call, request))
            .WithSummary("Replaces the site's checklist template; visits already announced keep their items.")
            .RequireSitePermission(Permission.EditChecklists);

        return site;
    }
}
