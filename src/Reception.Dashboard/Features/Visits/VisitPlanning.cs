using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// The staffing plan (§4.3.1): what a level gives, shown for confirmation before announcing, and the
/// command center's changes to it afterwards: a post added or removed, the staff of a post named.
/// </summary>
public sealed class VisitPlanning(IDbContextFactory<ReceptionDbContext> dbFactory, VisitWrites visits, DeadlineArming deadlines)
{
    /// <summary>The staffing plan the level gives for an arrival and route, for confirmation (§4.3.1.1–4.3.1.3).</summary>
    public async Task<StaffingPlanDto> PlanAsync(SiteCall call, int level, DateTime? arrival, IReadOnlyList<Guid>? route)
    {
        call.Demand(Permission.ManageVisits);
        VisitInput.CheckLevel(level);
        var ct = call.Cancellation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == call.SiteId, ct) ?? throw NotFoundException.Site(call.SiteId);
        var arrivalUtc = VisitInput.ArrivalUtc(arrival, site.TimeZone);
        var posts = await VisitLoading.ActivePostsAsync(db, call.SiteId, ct);
        var routeIds = VisitInput.CheckRoute(route ?? [], posts);
        var context = await PlanContext.ForAsync(db, site, arrivalUtc, ct);
        var plan = context.LevelPlan(level, posts, routeIds);
        return new StaffingPlanDto(level, arrivalUtc, context.OnDuty, plan.Select(p => new PlannedPostDto(
            p.PostId, posts[p.PostId].Name, posts[p.PostId].Kind, p.OnRoute,
            p.Staff.Select(s => new PlannedStaffDto(s.StaffId, s.Shift, s.CalledIn)).ToList())).ToList());
    }

    public async Task<VisitDetailDto> AddPostAsync(SiteCall call, Guid visitId, AddVisitPost request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        var ct = call.Cancellation;
        await visits.ChangeVisitAsync(call, actor, visitId, $"visits.add-post:{visitId}", request, async (db, visit, events, now) =>
        {
            var posts = await VisitLoading.ActivePostsAsync(db, call.SiteId, ct);
            if (!posts.TryGetValue(request.PostId, out var post))
            {
                throw RuleViolationException.For("postId", VisitText.Get("UnknownPost"));
            }

            var context = await PlanContext.ForAsync(db, call.SiteId, visit.Arrival, ct);
            var staff = await context.NamedStaffAsync(db, call.SiteId, "staffIds", request.StaffIds ?? [], ct);
            var order = visit.Posts.Select(p => p.RouteOrder).DefaultIfEmpty(0).Max() + 1;
            var visitPost = visit.AddPost(post, onRoute: false, order, await VisitLoading.TemplateAsync(db, call.SiteId, ct), now);
            visitPost.AssignStaff(staff);
            // Engineering was already told: a duty room joining now has nothing left to do for it.
            if (visit.Notices.Any(n => n.Kind == VisitNotice.WaterFeatures))
            {
                foreach (var item in visitPost.Items.Where(i => i.Key == VisitDeadlines.FountainItemKey))
                {
                    item.Tick(DueScheduler.Actor, onBehalf: false, now);
                }
            }

            await deadlines.ArmAsync(db, events, visit, now, ct);
            events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, post.Id, true, staff.Count), visit.Id);
        });
        return await visits.DetailNowAsync(call, visitId);
    }

    public async Task<VisitDetailDto> RemovePostAsync(SiteCall call, Guid visitId, Guid postId)
    {
        var actor = call.Demand(Permission.ManageVisits);
        await visits.ChangeVisitAsync(call, actor, visitId, $"visits.remove-post:{visitId}:{postId}", null, async (db, visit, events, now) =>
        {
            if (visit.Posts.All(p => p.PostId != postId))
            {
                return;
            }

            var name = await db.Posts.NameOfAsync(postId, call.Cancellation);
            var removed = visit.RemovePost(postId, name);
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ItemKind, removed.Items.Select(i => i.Id).ToList(), call.Cancellation);

            events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, postId, false, 0), visit.Id);
        });
        return await visits.DetailNowAsync(call, visitId);
    }

    public async Task<VisitDetailDto> AssignStaffAsync(SiteCall call, Guid visitId, Guid postId, AssignVisitStaff request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        var staffIds = request.StaffIds ?? throw RuleViolationException.For("staffIds", VisitText.Get("GiveStaffList"));
        await visits.ChangeVisitAsync(call, actor, visitId, $"visits.assign:{visitId}:{postId}", request, async (db, visit, events, now) =>
        {
            visit.EnsureOpen();
            var visitPost = visit.PostOf(postId);
            var context = await PlanContext.ForAsync(db, call.SiteId, visit.Arrival, call.Cancellation);
            var staff = await context.NamedStaffAsync(db, call.SiteId, "staffIds", staffIds, call.Cancellation);
            if (visitPost.AssignStaff(staff))
            {
                events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, postId, true, staff.Count), visit.Id);
            }
        });
        return await visits.DetailNowAsync(call, visitId);
    }
}
