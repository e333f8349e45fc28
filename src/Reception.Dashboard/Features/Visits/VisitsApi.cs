using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Visits;

public static class VisitsApi
{
    public static RouteGroupBuilder MapVisitsApi(this RouteGroupBuilder site)
    {
        var visits = site.MapGroup("/visits").WithTags("Visits");

        visits.MapGet("/", (ClaimsPrincipal user, Guid siteId, VisitService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .WithSummary("Visits planned or under way, and those that closed in the last day.")
            .RequireSitePermission(Permission.ViewBoard);

        visits.MapGet("/past", (ClaimsPrincipal user, Guid siteId, int? limit, VisitService service, CancellationToken ct) => service.PastAsync(user, siteId, limit ?? 100, ct))
            .WithSummary("Visits that ended or were cancelled, newest first (the archive's index, §4.2.3).")
            .RequireSitePermission(Permission.ViewBoard);

        visits.MapGet("/plan", (ClaimsPrincipal user, Guid siteId, int? level, DateTime? arrival, [FromQuery] Guid[]? route, VisitService service, CancellationToken ct) =>
                service.PlanAsync(user, siteId, level ?? 0, arrival, route, ct))
            .WithSummary("The staffing plan a level gives for an arrival and route (§4.3.1), to confirm before announcing.")
            .RequireSitePermission(Permission.ManageVisits);

        visits.MapPost("/", async (ClaimsPrincipal user, Guid siteId, AnnounceVisit request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
        {
            var visit = await service.AnnounceAsync(user, siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(visit, "GetVisit", new { siteId, visitId = visit.Visit.Id });
        })
            .WithSummary("Announces a visit. Without posts the plan the level gives is used; route posts always take part.")
            .RequireSitePermission(Permission.ManageVisits);

        var visit = visits.MapGroup("/{visitId:guid}");

        visit.MapGet("/", (ClaimsPrincipal user, Guid siteId, Guid visitId, VisitService service, CancellationToken ct) => service.GetAsync(user, siteId, visitId, ct))
            .WithName("GetVisit")
            .RequireSitePermission(Permission.ViewBoard);

        visit.MapPost("/reschedule", (ClaimsPrincipal user, Guid siteId, Guid visitId, RescheduleVisit request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.RescheduleAsync(user, siteId, visitId, request, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/cancel", (ClaimsPrincipal user, Guid siteId, Guid visitId, CancelVisit request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.CancelAsync(user, siteId, visitId, request, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/arrive", (ClaimsPrincipal user, Guid siteId, Guid visitId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ArriveAsync(user, siteId, visitId, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/end", (ClaimsPrincipal user, Guid siteId, Guid visitId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.EndAsync(user, siteId, visitId, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/posts", (ClaimsPrincipal user, Guid siteId, Guid visitId, AddVisitPost request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.AddPostAsync(user, siteId, visitId, request, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapDelete("/posts/{postId:guid}", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.RemovePostAsync(user, siteId, visitId, postId, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPut("/posts/{postId:guid}/staff", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, AssignVisitStaff request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.AssignStaffAsync(user, siteId, visitId, postId, request, key, ct))
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/posts/{postId:guid}/problem", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, ReportPostProblem request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ReportProblemAsync(user, siteId, visitId, postId, request, key, ct))
            .WithSummary("Reports a problem at the post (it shows as blocked); a Guard only at their own post.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapDelete("/posts/{postId:guid}/problem", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ClearProblemAsync(user, siteId, visitId, postId, key, ct))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/items/{itemId:guid}/tick", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid itemId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.TickAsync(user, siteId, visitId, itemId, key, ct))
            .WithSummary("Ticks a checklist item; a Guard only at their own post, the command center on their behalf. Ticking twice changes nothing.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/items/{itemId:guid}/undo", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid itemId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.UndoAsync(user, siteId, visitId, itemId, key, ct))
            .WithSummary("Takes a tick back, within a minute of it.")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/report", (ClaimsPrincipal user, Guid siteId, Guid visitId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ComposeReportAsync(user, siteId, visitId, key, ct))
            .WithSummary("Composes the foreman's readiness report (§4.4.3) from the posts' state now.")
            .RequireSitePermission(Permission.ReportReadiness);

        visit.MapPost("/report/acknowledge", (ClaimsPrincipal user, Guid siteId, Guid visitId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.AcknowledgeReportAsync(user, siteId, visitId, key, ct))
            .RequireSitePermission(Permission.AcknowledgeReport);

        visit.MapPost("/orders", (ClaimsPrincipal user, Guid siteId, Guid visitId, SendOrder request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.SendOrderAsync(user, siteId, visitId, request, key, ct))
            .WithSummary("Sends an order to the posts named, or to every post of the visit (§4.4.2).")
            .RequireSitePermission(Permission.ManageVisits);

        visit.MapPost("/orders/{orderId:guid}/acknowledge", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid orderId, AcknowledgeOrder request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.AcknowledgeOrderAsync(user, siteId, visitId, orderId, request, key, ct))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/posts/{postId:guid}/leave", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, RequestLeave request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.RequestLeaveAsync(user, siteId, visitId, postId, request, key, ct))
            .WithSummary("A guard asks to leave the post (§4.2.1).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/posts/{postId:guid}/leave/decision", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, DecideLeave request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.DecideLeaveAsync(user, siteId, visitId, postId, request, key, ct))
            .WithSummary("A foreman approves, naming a replacement, or refuses; approving without one leaves the post empty.")
            .RequireSitePermission(Permission.TickAnyPost);

        visit.MapPut("/posts/{postId:guid}/presence", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, SetPresence request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.SetPresenceAsync(user, siteId, visitId, postId, request, key, ct))
            .WithSummary("Reports the post manned again, or left empty (an alarm during a visit).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/violations", (ClaimsPrincipal user, Guid siteId, Guid visitId, ReportViolation request, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ReportViolationAsync(user, siteId, visitId, request, key, ct))
            .WithSummary("Reports a violation or outsider on the grounds or the route (§4.2.2, §4.4.4, §4.5.2).")
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/violations/{violationId:guid}/clear", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid violationId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.ClearViolationAsync(user, siteId, visitId, violationId, key, ct))
            .RequireSitePermission(Permission.TickOwnPost);

        visit.MapPost("/notices/{noticeId:guid}/done", (ClaimsPrincipal user, Guid siteId, Guid visitId, Guid noticeId, [FromHeader(Name = "Idempotency-Key")] string? key, VisitService service, CancellationToken ct) =>
                service.CompleteNoticeAsync(user, siteId, visitId, noticeId, key, ct))
            .WithSummary("Engineering marks its notice done: water features on (§4.5.3).")
            .RequireSitePermission(Permission.CompleteNotices);

        visit.MapGet("/timeline", (ClaimsPrincipal user, Guid siteId, Guid visitId, VisitArchive archive, CancellationToken ct) =>
                archive.TimelineAsync(user, siteId, visitId, ct))
            .WithSummary("The visit's archive (§4.2.3): every event in order, with who did it.")
            .RequireSitePermission(Permission.ViewStaff);

        visit.MapGet("/timeline/export", async (ClaimsPrincipal user, Guid siteId, Guid visitId, VisitArchive archive, CancellationToken ct) =>
                CsvFile.Download(await archive.CsvAsync(user, siteId, visitId, ct), $"visit-{visitId:N}.csv"))
            .RequireSitePermission(Permission.ViewStaff);

        var template = site.MapGroup("/checklist-template").WithTags("Visits");
        template.MapGet("/", (ClaimsPrincipal user, Guid siteId, ChecklistTemplateService service, CancellationToken ct) => service.GetAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ViewBoard);
        template.MapPut("/", (ClaimsPrincipal user, Guid siteId, SetChecklistTemplate request, [FromHeader(Name = "Idempotency-Key")] string? key, ChecklistTemplateService service, CancellationToken ct) =>
                service.SetAsync(user, siteId, request, key, ct))
            .WithSummary("Replaces the site's checklist template; visits already announced keep their items.")
            .RequireSitePermission(Permission.EditChecklists);

        return site;
    }
}
