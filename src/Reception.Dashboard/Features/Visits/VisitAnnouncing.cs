using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Announcing a visit (§4.1): its level, arrival in site time and route; the staffing plan the level gives
/// or the one the command center confirmed; a checklist for every post; every deadline armed.
/// </summary>
public sealed class VisitAnnouncing(VisitWrites visits, SiteWriter writer, DeadlineArming deadlines)
{
    private static readonly AnnounceVisitValidator Validator = new();

    public async Task<VisitDetailDto> AnnounceAsync(SiteCall call, AnnounceVisit request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        Validator.EnsureValid(request);
        var ct = call.Cancellation;
        var visitId = await writer.WriteAsync(call, actor, $"visits.announce:{call.SiteId}", request, async (db, events) =>
        {
            var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == call.SiteId, ct) ?? throw NotFoundException.Site(call.SiteId);
            var now = visits.Now;
            var arrival = VisitInput.ArrivalUtc(request.Arrival, site.TimeZone);
            VisitInput.EnsureFuture(arrival, now);
            var posts = await VisitLoading.ActivePostsAsync(db, call.SiteId, ct);
            var route = VisitInput.CheckRoute(request.Route!, posts);
            var context = await PlanContext.ForAsync(db, site, arrival, ct);
            var planned = request.Posts is { } confirmed
                ? await ConfirmedPlanAsync(db, call.SiteId, confirmed, route, posts, context, ct)
                : context.LevelPlan(request.Level, posts, route);

            var template = await VisitLoading.TemplateAsync(db, call.SiteId, ct);
            var visit = Visit.Announce(call.SiteId, request.Title!.Trim(), request.Level, arrival, Validation.TrimToNull(request.Host), Validation.TrimToNull(request.Notes), now);
            foreach (var p in planned)
            {
                visit.AddPost(posts[p.PostId], p.OnRoute, p.RouteOrder, template, now).AssignStaff(p.Staff);
            }

            db.Visits.Add(visit);
            await deadlines.ArmAsync(db, events, visit, now, ct);
            events.Add(EventTypes.VisitAnnounced, visit.ToEvent(), visit.Id);
            return visit.Id;
        });
        return await visits.DetailNowAsync(call, visitId);
    }

    private static async Task<IReadOnlyList<StaffingPlan.Planned>> ConfirmedPlanAsync(
        ReceptionDbContext db, Guid siteId, IReadOnlyList<PlannedPostRequest> confirmed, IReadOnlyList<Guid> route,
        Dictionary<Guid, Post> posts, PlanContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < confirmed.Count; i++)
        {
            if (!posts.ContainsKey(confirmed[i].PostId))
            {
                errors[$"posts[{i}].postId"] = [VisitText.Get("UnknownPost")];
            }
        }

        if (confirmed.GroupBy(p => p.PostId).Any(g => g.Count() > 1))
        {
            errors["posts"] = [VisitText.Get("PostRepeated")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        var routeOrder = route.Select((id, i) => (id, i)).ToDictionary(r => r.id, r => r.i + 1);
        var planned = new List<StaffingPlan.Planned>();
        // Route posts take part whatever the confirmed plan says: the visitors pass them.
        foreach (var postId in route.Where(id => confirmed.All(c => c.PostId != id)))
        {
            planned.Add(new StaffingPlan.Planned(postId, true, routeOrder[postId], []));
        }

        for (var i = 0; i < confirmed.Count; i++)
        {
            var c = confirmed[i];
            var staff = await context.NamedStaffAsync(db, siteId, $"posts[{i}].staffIds", c.StaffIds ?? [], ct);
            var onRoute = routeOrder.TryGetValue(c.PostId, out var order);
            planned.Add(new StaffingPlan.Planned(c.PostId, onRoute, onRoute ? order : route.Count + posts[c.PostId].RouteOrder, staff));
        }

        return planned.OrderBy(p => p.RouteOrder).ToList();
    }
}
