using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Infrastructure.Outbound;
using Reception.Dashboard.Infrastructure.Scheduling;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// The one writer of visits: announcing, moving, cancelling, the staffing plan, checklists, problems and
/// the foreman's report. Every change arms or disarms its deadlines in the same write.
/// </summary>
public sealed class VisitService(
    IDbContextFactory<ReceptionDbContext> dbFactory,
    SiteWriter writer,
    DueScheduler scheduler,
    Outbox outbox,
    IOptions<VisitOptions> options,
    TimeProvider clock)
{
    /// <summary>How far ahead a visit may be announced; anything further is a typing mistake.</summary>
    private static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    private static readonly TimeSpan FountainLead = TimeSpan.FromMinutes(1);

    private static readonly AnnounceVisitValidator AnnounceValidator = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Visits still to come or under way, and those that closed in the last day.</summary>
    public async Task<IReadOnlyList<VisitDto>> ListAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        return (await CurrentAsync(db, siteId, now, ct)).Select(v => ToDto(v, now)).ToList();
    }

    /// <summary>Visits that ended or were cancelled, newest first: the way into their archives (§4.2.3).</summary>
    public async Task<IReadOnlyList<VisitDto>> PastAsync(ClaimsPrincipal user, Guid siteId, int limit, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        if (limit is < 1 or > 500)
        {
            throw RuleViolationException.For("limit", ErrorText.Get("Limit", 500));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var visits = await Load(db).AsNoTracking()
            .Where(v => v.SiteId == siteId && (v.Status == VisitStatus.Ended || v.Status == VisitStatus.Cancelled))
            .OrderByDescending(v => v.Arrival).Take(limit).ToListAsync(ct);
        var now = Now;
        return visits.Select(v => ToDto(v, now)).ToList();
    }

    /// <summary>The same visits with every post: what the board and the wall show.</summary>
    public async Task<IReadOnlyList<VisitDetailDto>> ListDetailsAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        return await ToDetailsAsync(db, await CurrentAsync(db, siteId, now, ct), now, ct);
    }

    private static async Task<List<Visit>> CurrentAsync(ReceptionDbContext db, Guid siteId, DateTime now, CancellationToken ct)
    {
        await db.EnsureSiteExistsAsync(siteId, ct);
        var since = now.AddDays(-1);
        var visits = await Load(db).AsNoTracking()
            .Where(v => v.SiteId == siteId && (v.Status == VisitStatus.Planned || v.Status == VisitStatus.InProgress || v.EndedAt >= since))
            .ToListAsync(ct);
        return visits.OrderBy(v => v.Arrival).ToList();
    }

    public async Task<VisitDetailDto> GetAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await FindAsync(db, siteId, visitId, ct);
        return await ToDetailAsync(db, visit, Now, ct);
    }

    /// <summary>The open visits in which the caller may tick a post, with those posts: what the Guard page shows.</summary>
    public async Task<IReadOnlyList<(VisitDetailDto Visit, VisitPostDto Post)>> MyPostsAsync(ClaimsPrincipal user, Guid siteId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.TickOwnPost);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visits = await Load(db).AsNoTracking().Where(v => v.SiteId == siteId && (v.Status == VisitStatus.Planned || v.Status == VisitStatus.InProgress)).ToListAsync(ct);
        var now = Now;
        var result = new List<(VisitDetailDto, VisitPostDto)>();
        var ordered = visits.OrderBy(v => v.Arrival).ToList();
        var details = await ToDetailsAsync(db, ordered, now, ct);
        for (var i = 0; i < ordered.Count; i++)
        {
            var own = await OwnPostsAsync(db, user, siteId, ordered[i], ct);
            result.AddRange(details[i].Posts.Where(p => own.Contains(p.PostId)).Select(p => (details[i], p)));
        }

        return result;
    }

    /// <summary>The staffing plan the level gives for an arrival and route, for confirmation (§4.3.1.1–4.3.1.3).</summary>
    public async Task<StaffingPlanDto> PlanAsync(ClaimsPrincipal user, Guid siteId, int level, DateTime? arrival, IReadOnlyList<Guid>? route, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManageVisits);
        CheckLevel(level);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, ct) ?? throw new NotFoundException("Site", siteId);
        var arrivalUtc = ArrivalUtc(arrival, site.TimeZone);
        var posts = await ActivePostsAsync(db, siteId, ct);
        var routeIds = CheckRoute(route ?? [], posts);
        var context = await PlanContextAsync(db, site, arrivalUtc, ct);
        var plan = LevelPlan(level, posts, routeIds, context);
        return new StaffingPlanDto(level, arrivalUtc, context.OnDuty, plan.Select(p => new PlannedPostDto(
            p.PostId, posts[p.PostId].Name, posts[p.PostId].Kind, p.OnRoute,
            p.Staff.Select(s => new PlannedStaffDto(s.StaffId, s.Shift, s.CalledIn)).ToList())).ToList());
    }

    public async Task<VisitDetailDto> AnnounceAsync(ClaimsPrincipal user, Guid siteId, AnnounceVisit request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.ManageVisits);
        AnnounceValidator.EnsureValid(request);
        var visitId = await writer.WriteAsync(siteId, new Command(actor, $"visits.announce:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == siteId, ct) ?? throw new NotFoundException("Site", siteId);
            var now = Now;
            var arrival = ArrivalUtc(request.Arrival, site.TimeZone);
            EnsureFuture(arrival, now);
            var posts = await ActivePostsAsync(db, siteId, ct);
            var route = CheckRoute(request.Route!, posts);
            var context = await PlanContextAsync(db, site, arrival, ct);
            var planned = request.Posts is { } confirmed
                ? await ConfirmedPlanAsync(db, siteId, confirmed, route, posts, context, ct)
                : LevelPlan(request.Level, posts, route, context);

            var template = await TemplateAsync(db, siteId, ct);
            var visit = Visit.Announce(siteId, request.Title!.Trim(), request.Level, arrival, Validation.TrimToNull(request.Host), Validation.TrimToNull(request.Notes), now);
            foreach (var p in planned)
            {
                visit.AddPost(posts[p.PostId], p.OnRoute, p.RouteOrder, template, now).AssignStaff(p.Staff);
            }

            db.Visits.Add(visit);
            await ArmAsync(db, events, visit, now, ct);
            events.Add(EventTypes.VisitAnnounced, visit.ToEvent(), visit.Id);
            return visit.Id;
        }, ct);
        return await GetAsync(user, siteId, visitId, ct);
    }

    public Task<VisitDto> RescheduleAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, RescheduleVisit request, string? idempotencyKey, CancellationToken ct) =>
        ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.reschedule:{visitId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.EnsurePlanned();
            var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, ct);
            var arrival = ArrivalUtc(request.Arrival, site.TimeZone);
            if (arrival == visit.Arrival)
            {
                return;
            }

            EnsureFuture(arrival, now);
            visit.Reschedule(arrival, now);
            await WithdrawFountainNoticeAsync(db, events, visit, ChatAlert.WaterFeaturesMoved(visit.Title, TimeZoneInfo.ConvertTimeFromUtc(arrival, site.TimeZone)), ct);
            await ArmAsync(db, events, visit, now, ct);
            events.Add(EventTypes.VisitRescheduled, visit.ToEvent(), visit.Id);
            AddReadinessChanges(events, visit, now);
        }, ct);

    public Task<VisitDto> CancelAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, CancelVisit request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManageVisits);
        var reason = RequiredReason(request.Reason);
        return ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.cancel:{visitId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.Cancel(reason, now);
            await DueScheduler.DisarmOwnerAsync(db, visit.Id, ct);
            if (visit.EngineeringToldAt is not null)
            {
                outbox.Enqueue(db, events, siteId, visit.Id, Outbox.Engineering, ChatAlert.WaterFeaturesCancelled(visit.Title));
            }

            events.Add(EventTypes.VisitCancelled, visit.ToEvent(), visit.Id);
        }, ct);
    }

    public Task<VisitDto> ArriveAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, string? idempotencyKey, CancellationToken ct) =>
        ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.arrive:{visitId}", null, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.MarkArrived(now);
            // The arrival has happened: the T-30 and arrival reminders are moot; late items still count.
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ReadyByKind, [visit.Id], ct);
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ArrivalKind, [visit.Id], ct);
            events.Add(EventTypes.VisitArrived, visit.ToEvent(), visit.Id);
        }, ct);

    public Task<VisitDto> EndAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, string? idempotencyKey, CancellationToken ct) =>
        ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.end:{visitId}", null, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.End(now);
            await DueScheduler.DisarmOwnerAsync(db, visit.Id, ct);
            events.Add(EventTypes.VisitEnded, visit.ToEvent(), visit.Id);
        }, ct);

    public async Task<VisitDetailDto> AddPostAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, AddVisitPost request, string? idempotencyKey, CancellationToken ct)
    {
        await ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.add-post:{visitId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            var posts = await ActivePostsAsync(db, siteId, ct);
            if (!posts.TryGetValue(request.PostId, out var post))
            {
                throw RuleViolationException.For("postId", ErrorText.Get("UnknownPost"));
            }

            var context = await PlanContextAsync(db, siteId, visit.Arrival, ct);
            var staff = await NamedStaffAsync(db, siteId, "staffIds", request.StaffIds ?? [], context, ct);
            var order = visit.Posts.Select(p => p.RouteOrder).DefaultIfEmpty(0).Max() + 1;
            var visitPost = visit.AddPost(post, onRoute: false, order, await TemplateAsync(db, siteId, ct), now);
            visitPost.AssignStaff(staff);
            // Engineering was already told: a duty room joining now has nothing left to do for it.
            if (visit.Notices.Any(n => n.Kind == VisitNotice.WaterFeatures))
            {
                foreach (var item in visitPost.Items.Where(i => i.Key == VisitDeadlines.FountainItemKey))
                {
                    item.Tick(DueScheduler.Actor, onBehalf: false, now);
                }
            }

            await ArmAsync(db, events, visit, now, ct);
            events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, post.Id, true, staff.Count), visit.Id);
        }, ct);
        return await GetAsync(user, siteId, visitId, ct);
    }

    public async Task<VisitDetailDto> RemovePostAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, string? idempotencyKey, CancellationToken ct)
    {
        await ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.remove-post:{visitId}:{postId}", null, idempotencyKey, async (db, visit, events, now) =>
        {
            if (visit.Posts.All(p => p.PostId != postId))
            {
                return;
            }

            var name = await db.Posts.NameOfAsync(postId, ct);
            var removed = visit.RemovePost(postId, name);
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ItemKind, removed.Items.Select(i => i.Id).ToList(), ct);

            events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, postId, false, 0), visit.Id);
        }, ct);
        return await GetAsync(user, siteId, visitId, ct);
    }

    public async Task<VisitDetailDto> AssignStaffAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, AssignVisitStaff request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManageVisits);
        var staffIds = request.StaffIds ?? throw RuleViolationException.For("staffIds", ErrorText.Get("GiveStaffList"));
        await ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.assign:{visitId}:{postId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.EnsureOpen();
            var visitPost = visit.PostOf(postId);
            var context = await PlanContextAsync(db, siteId, visit.Arrival, ct);
            var staff = await NamedStaffAsync(db, siteId, "staffIds", staffIds, context, ct);
            if (visitPost.AssignStaff(staff))
            {
                events.Add(EventTypes.VisitPlanChanged, new VisitPlanChanged(visit.Id, postId, true, staff.Count), visit.Id);
            }
        }, ct);
        return await GetAsync(user, siteId, visitId, ct);
    }

    /// <summary>Ticks an item: a Guard only at their own post; the command center on a guard's behalf. Ticking twice changes nothing.</summary>
    public Task<VisitPostDto> TickAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid itemId, string? idempotencyKey, CancellationToken ct) =>
        ChangeItemAsync(user, siteId, visitId, itemId, $"visits.tick:{itemId}", idempotencyKey, (item, actor, onBehalf, commands, now) =>
            item.Tick(actor, onBehalf, now) ? EventTypes.ItemTicked : null, ct);

    /// <summary>Takes a tick back within a minute (<see cref="VisitItem.UndoWindow"/>).</summary>
    /// <remarks>An item taken back after its deadline is late at once: its deadline job has already fired.</remarks>
    public Task<VisitPostDto> UndoAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid itemId, string? idempotencyKey, CancellationToken ct) =>
        ChangeItemAsync(user, siteId, visitId, itemId, $"visits.undo:{itemId}", idempotencyKey, (item, actor, onBehalf, commands, now) =>
            item.Undo(actor, commands, now) ? EventTypes.ItemUndone : null, ct);

    /// <summary>A guard reports a problem at their post: the post is blocked until it is cleared.</summary>
    public Task<VisitPostDto> ReportProblemAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, ReportPostProblem request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.TickOwnPost);
        var reason = RequiredReason(request.Reason);
        return ChangePostAsync(user, siteId, visitId, postId, $"visits.block:{visitId}:{postId}", request, idempotencyKey, async (db, visit, visitPost, events, now) =>
        {
            if (visitPost.ReportProblem(reason, now))
            {
                events.Add(EventTypes.PostBlocked, new PostProblemChanged(visit.Id, postId, reason), visit.Id);
                var name = await db.Posts.NameOfAsync(postId, ct);
                outbox.Enqueue(db, events, siteId, visit.Id, Outbox.Chat, ChatAlert.Blocked(visit.Title, name, reason));
            }
        }, ct);
    }

    public Task<VisitPostDto> ClearProblemAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, string? idempotencyKey, CancellationToken ct) =>
        ChangePostAsync(user, siteId, visitId, postId, $"visits.unblock:{visitId}:{postId}", null, idempotencyKey, (db, visit, visitPost, events, now) =>
        {
            if (visitPost.ClearProblem())
            {
                events.Add(EventTypes.PostUnblocked, new PostProblemChanged(visit.Id, postId, null), visit.Id);
            }

            return Task.CompletedTask;
        }, ct);

    /// <summary>The foreman's report (§4.4.3) in one action: the posts' figures and open problems, now. A new report needs a new acknowledgement.</summary>
    public async Task<VisitDto> ComposeReportAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, string? idempotencyKey, CancellationToken ct) =>
        await ChangeVisitAsync(user, siteId, visitId, Permission.ReportReadiness, $"visits.report:{visitId}", null, idempotencyKey, async (db, visit, events, now) =>
        {
            var names = await PostNamesAsync(db, visit, ct);
            var figures = Readiness.Figures(visit, now);
            var problems = visit.Posts.Where(p => p.Problem is not null).Select(p => $"{names[p.PostId]}: {p.Problem}")
                .Concat(visit.Posts.Where(p => p.StateAt(now) == ReadinessState.Late).Select(p => names[p.PostId]))
                .ToList();
            var report = new ReadinessReportDto(now, figures.Posts, figures.Ready, figures.Late, figures.Blocked, figures.Pending, problems, null);
            visit.RecordReport(JsonSerializer.Serialize(report, ServerJson.Options), now);
            events.Add(EventTypes.ReportComposed, new ReadinessReported(visit.Id, figures.Posts, figures.Ready, figures.Late, figures.Blocked, false), visit.Id);
        }, ct);

    public Task<VisitDto> AcknowledgeReportAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, string? idempotencyKey, CancellationToken ct) =>
        ChangeVisitAsync(user, siteId, visitId, Permission.AcknowledgeReport, $"visits.acknowledge:{visitId}", null, idempotencyKey, (db, visit, events, now) =>
        {
            if (visit.AcknowledgeReport(now))
            {
                var report = ReportOf(visit)!;
                events.Add(EventTypes.ReportAcknowledged, new ReadinessReported(visit.Id, report.Posts, report.Ready, report.Late, report.Blocked, true), visit.Id);
            }

            return Task.CompletedTask;
        }, ct);

    /// <summary>An order to some posts or all (§4.4.2). Unacknowledged after <see cref="VisitOptions.OrderAcknowledgeWithin"/>, it stands out.</summary>
    public Task<VisitDto> SendOrderAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, SendOrder request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ManageVisits);
        var text = Validation.TrimToNull(request.Text) ?? throw RuleViolationException.For("text", ErrorText.Get("GiveOrder"));
        if (text.Length > VisitOrder.TextMaxLength)
        {
            throw RuleViolationException.For("text", ErrorText.Get("MaxLength", VisitOrder.TextMaxLength));
        }

        if (Validation.HasControlCharacters(text, multiLine: true))
        {
            throw RuleViolationException.For("text", Validation.ControlCharactersRefused());
        }

        return ChangeVisitAsync(user, siteId, visitId, Permission.ManageVisits, $"visits.order:{visitId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.EnsureOpen();
            var targets = request.PostIds is { Count: > 0 } ids ? ids.Distinct().ToList() : visit.Posts.Select(p => p.PostId).ToList();
            if (targets.Count == 0 || targets.Any(id => visit.Posts.All(p => p.PostId != id)))
            {
                throw RuleViolationException.For("postIds", ErrorText.Get("PostNotInVisit"));
            }

            var order = new VisitOrder
            {
                Id = Guid.CreateVersion7(), VisitId = visit.Id, Text = text, SentAt = now, AcknowledgeBy = now + options.Value.OrderAcknowledgeWithin,
            };
            order.Recipients.AddRange(targets.Select(id => new OrderRecipient { Id = Guid.CreateVersion7(), OrderId = order.Id, PostId = id }));
            visit.Orders.Add(order);
            await scheduler.ArmAsync(db, events, siteId, VisitDeadlines.OrderKind, order.Id, visit.Id, order.AcknowledgeBy, ct);
            events.Add(EventTypes.OrderSent, order.ToEvent(null), visit.Id);
        }, ct);
    }

    /// <summary>A post acknowledges an order: a Guard for their own post, the command center on a post's behalf.</summary>
    public async Task<VisitDto> AcknowledgeOrderAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid orderId, AcknowledgeOrder request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.TickOwnPost);
        return await writer.WriteAsync(siteId, new Command(actor, $"visits.order-ack:{orderId}:{request.PostId}", request, idempotencyKey), async (db, events) =>
        {
            var visit = await FindAsync(db, siteId, visitId, ct);
            var order = visit.Orders.SingleOrDefault(o => o.Id == orderId) ?? throw new NotFoundException("Order", orderId);
            var (onBehalf, _) = await MayActAsync(db, user, siteId, visit, request.PostId, ct);
            visit.EnsureOpen();
            var now = Now;
            if (order.Acknowledge(request.PostId, actor, onBehalf, now))
            {
                events.Add(EventTypes.OrderAcknowledged, order.ToEvent(request.PostId), visit.Id);
            }

            return ToDto(visit, now);
        }, ct);
    }

    /// <summary>A guard asks to leave the post (§4.2.1); a foreman decides.</summary>
    public Task<VisitPostDto> RequestLeaveAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, RequestLeave request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.TickOwnPost);
        var reason = RequiredReason(request.Reason);
        return ChangePostAsync(user, siteId, visitId, postId, $"visits.leave:{visitId}:{postId}", request, idempotencyKey, async (db, visit, visitPost, events, now) =>
        {
            // Who leaves: the caller, when they are one of the staff at the post (a foreman asking for a guard names nobody).
            var caller = user.UserId() is { } userId
                ? await db.Staff.Where(x => x.SiteId == siteId && x.UserId == userId).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(ct)
                : null;
            var staffId = caller is { } me && visitPost.Staff.Any(x => x.StaffId == me) ? caller : null;
            if (visitPost.RequestLeave(reason, staffId))
            {
                events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, false), visit.Id);
            }
        }, ct);
    }

    /// <summary>A foreman approves (naming a replacement, or leaving the post empty) or refuses a leave request.</summary>
    public Task<VisitPostDto> DecideLeaveAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, DecideLeave request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.TickAnyPost);
        var approve = request.Approve ?? throw RuleViolationException.For("approve", ErrorText.Get("Leave.GiveDecision"));
        return ChangePostAsync(user, siteId, visitId, postId, $"visits.leave-decide:{visitId}:{postId}", request, idempotencyKey, async (db, visit, visitPost, events, now) =>
        {
            (Guid StaffId, ShiftKind? Shift, bool CalledIn)? named = null;
            if (approve && request.ReplacementStaffId is { } replacement)
            {
                named = (await NamedStaffAsync(db, siteId, "replacementStaffId", [replacement], await PlanContextAsync(db, siteId, visit.Arrival, ct), ct)).Single();
            }

            visitPost.DecideLeave(approve, named);
            events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, named is not null), visit.Id);
            await AlertIfEmptyAsync(db, events, visit, visitPost, ct);
        }, ct);
    }

    /// <summary>Someone reports the post left empty, or manned again; an empty post during a visit is an alarm (§4.2.1).</summary>
    public Task<VisitPostDto> SetPresenceAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, SetPresence request, string? idempotencyKey, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.TickOwnPost);
        if (request.Presence is not (PostPresence.Staffed or PostPresence.Empty))
        {
            throw RuleViolationException.For("presence", ErrorText.Get("PresenceValue"));
        }

        return ChangePostAsync(user, siteId, visitId, postId, $"visits.presence:{visitId}:{postId}", request, idempotencyKey, async (db, visit, visitPost, events, now) =>
        {
            if (visitPost.SetPresence(request.Presence))
            {
                events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, false), visit.Id);
                await AlertIfEmptyAsync(db, events, visit, visitPost, ct);
            }
        }, ct);
    }

    /// <summary>A patrol or post reports a violation or outsider (§4.2.2, §4.4.4, §4.5.2).</summary>
    public Task<VisitDto> ReportViolationAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, ReportViolation request, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.TickOwnPost);
        var errors = new Dictionary<string, string[]>();
        var description = Validation.TrimToNull(request.Description);
        if (!Enum.IsDefined(request.Kind))
        {
            errors["kind"] = [Validation.ChooseOneOf<ViolationKind>()];
        }

        if (description is null || description.Length > RouteViolation.DescriptionMaxLength)
        {
            errors["description"] = [description is null ? ErrorText.Get("GiveViolation") : ErrorText.Get("MaxLength", RouteViolation.DescriptionMaxLength)];
        }
        else if (Validation.HasControlCharacters(description, multiLine: true))
        {
            errors["description"] = [Validation.ControlCharactersRefused()];
        }

        if (Validation.TrimToNull(request.Location) is { Length: > Validation.NameMaxLength })
        {
            errors["location"] = [ErrorText.Get("MaxLength", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(request.Location))
        {
            errors["location"] = [Validation.ControlCharactersRefused()];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        return ChangeVisitAsync(user, siteId, visitId, Permission.TickOwnPost, $"visits.violation:{visitId}", request, idempotencyKey, async (db, visit, events, now) =>
        {
            visit.EnsureOpen();
            if (request.PostId is { } postId && visit.Posts.All(p => p.PostId != postId))
            {
                throw RuleViolationException.For("postId", ErrorText.Get("PostNotInVisit"));
            }

            var violation = new RouteViolation
            {
                Id = Guid.CreateVersion7(), VisitId = visit.Id, Kind = request.Kind, Description = description!, PostId = request.PostId,
                Location = Validation.TrimToNull(request.Location), ReportedAt = now, ReportedBy = ActorKey(actor),
            };
            visit.Violations.Add(violation);
            events.Add(EventTypes.ViolationReported, violation.ToEvent(), visit.Id);
            var where = violation.PostId is { } id ? await db.Posts.NameOfAsync(id, ct) : violation.Location ?? "";
            outbox.Enqueue(db, events, siteId, visit.Id, Outbox.Chat, ChatAlert.Violation(visit.Title, where, violation.Description));
        }, ct);
    }

    /// <summary>Clears a violation: whoever reported it, the post it is at, a patrol of the visit, or the command center.</summary>
    public Task<VisitDto> ClearViolationAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid violationId, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.TickOwnPost);
        return ChangeVisitAsync(user, siteId, visitId, Permission.TickOwnPost, $"visits.violation-clear:{violationId}", null, idempotencyKey, async (db, visit, events, now) =>
        {
            var violation = visit.Violations.SingleOrDefault(v => v.Id == violationId) ?? throw new NotFoundException("Violation", violationId);
            var own = await OwnPostsAsync(db, user, siteId, visit, ct);
            var inVisit = own.Where(id => visit.Posts.Any(p => p.PostId == id)).ToList();
            var patrols = await db.Posts.Where(p => inVisit.Contains(p.Id) && p.Kind == PostKind.PatrolTeam).AnyAsync(ct);
            var mayClear = Access.Allows(user, siteId, Permission.TickAnyPost) || patrols
                || violation.ReportedBy == ActorKey(actor)
                || (violation.PostId is { } at && own.Contains(at));
            if (!mayClear)
            {
                throw new ForbiddenException(ErrorText.Get("NotYourViolation"));
            }

            visit.EnsureOpen();
            if (violation.ClearedAt is null)
            {
                violation.ClearedAt = now;
                events.Add(EventTypes.ViolationCleared, violation.ToEvent(), visit.Id);
            }
        }, ct);
    }

    /// <summary>Engineering marks a notice done: "water features on" (§4.5.3).</summary>
    public async Task<VisitDto> CompleteNoticeAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid noticeId, string? idempotencyKey, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.CompleteNotices);
        return await ChangeVisitAsync(user, siteId, visitId, Permission.CompleteNotices, $"visits.notice-done:{noticeId}", null, idempotencyKey, (db, visit, events, now) =>
        {
            var notice = visit.Notices.SingleOrDefault(n => n.Id == noticeId) ?? throw new NotFoundException("Notice", noticeId);
            visit.EnsureOpen();
            if (notice.DoneAt is null)
            {
                (notice.DoneAt, notice.DoneByKind, notice.DoneById) = (now, actor.Kind, actor.Id);
                events.Add(EventTypes.NoticeDone, notice.ToEvent(), visit.Id);
            }

            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>
    /// A visit that moves after engineering was told: the notice is withdrawn (engineering hears of the move)
    /// and the duty room's "engineering told" item reopens, so a new notice goes half an hour before the new arrival.
    /// </summary>
    private async Task WithdrawFountainNoticeAsync(ReceptionDbContext db, EventBatch events, Visit visit, ChatAlert moved, CancellationToken ct)
    {
        if (visit.Notices.SingleOrDefault(n => n.Kind == VisitNotice.WaterFeatures) is not { } notice)
        {
            return;
        }

        visit.Notices.Remove(notice);
        events.Add(EventTypes.NoticeWithdrawn, notice.ToEvent(), visit.Id);
        // The fired job goes too, so the new arrival's notice is armed afresh whatever its time.
        await db.DueJobs.Where(j => j.Kind == VisitDeadlines.FountainKind && j.TargetId == visit.Id).ExecuteDeleteAsync(ct);
        foreach (var post in visit.Posts)
        {
            foreach (var item in post.Items.Where(i => i.Key == VisitDeadlines.FountainItemKey && i.DoneByKind == DueScheduler.Actor.Kind))
            {
                item.Reopen();
                events.Add(EventTypes.ItemUndone, new ChecklistItemChanged(visit.Id, post.PostId, item.Id, item.Key, ItemState.Open, false), visit.Id);
            }
        }

        outbox.Enqueue(db, events, visit.SiteId, visit.Id, Outbox.Engineering, moved);
    }

    private async Task AlertIfEmptyAsync(ReceptionDbContext db, EventBatch events, Visit visit, VisitPost visitPost, CancellationToken ct)
    {
        if (visitPost.Presence == PostPresence.Empty)
        {
            var name = await db.Posts.NameOfAsync(visitPost.PostId, ct);
            outbox.Enqueue(db, events, visit.SiteId, visit.Id, Outbox.Chat, ChatAlert.Empty(visit.Title, name));
        }
    }

    // ---- shared steps ----

    private async Task<VisitDto> ChangeVisitAsync(
        ClaimsPrincipal user, Guid siteId, Guid visitId, Permission permission, string operation, object? request, string? idempotencyKey,
        Func<ReceptionDbContext, Visit, EventBatch, DateTime, Task> change, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, permission);
        return await writer.WriteAsync(siteId, new Command(actor, operation, request, idempotencyKey), async (db, events) =>
        {
            var visit = await FindAsync(db, siteId, visitId, ct);
            var now = Now;
            await change(db, visit, events, now);
            return ToDto(visit, now);
        }, ct);
    }

    private delegate string? ItemChange(VisitItem item, Actor actor, bool onBehalf, bool commands, DateTime now);

    private async Task<VisitPostDto> ChangeItemAsync(
        ClaimsPrincipal user, Guid siteId, Guid visitId, Guid itemId, string operation, string? idempotencyKey, ItemChange change, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.TickOwnPost);
        var postId = await writer.WriteAsync(siteId, new Command(actor, operation, null, idempotencyKey), async (db, events) =>
        {
            var itemPostId = await PostOfItemAsync(db, visitId, itemId, ct) ?? throw new NotFoundException("ChecklistItem", itemId);
            var visit = await FindWithPostAsync(db, siteId, visitId, itemPostId, ct);
            var visitPost = visit.PostOf(itemPostId);
            var item = visitPost.Items.Single(i => i.Id == itemId);
            var (onBehalf, commands) = await MayActAsync(db, user, siteId, visit, visitPost.PostId, ct);
            visit.EnsureOpen();
            var now = Now;
            if (change(item, actor, onBehalf, commands, now) is { } type)
            {
                events.Add(type, new ChecklistItemChanged(visit.Id, visitPost.PostId, item.Id, item.Key, item.StateAt(now), onBehalf), visit.Id);
                // The deadline job announces lateness once; an undo after it fired must do so itself.
                if (type == EventTypes.ItemUndone && item.StateAt(now) == ItemState.Late
                    && await db.DueJobs.AnyAsync(j => j.Kind == VisitDeadlines.ItemKind && j.TargetId == item.Id && j.FiredAt != null, ct))
                {
                    await VisitDeadlines.AnnounceLateAsync(outbox, db, events, visit, visitPost, item, now, ct);
                }

                AddReadinessChanges(events, visit, now);
            }

            return visitPost.PostId;
        }, ct);
        return await PostDetailAsync(user, siteId, visitId, postId, ct);
    }

    private async Task<VisitPostDto> ChangePostAsync(
        ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, string operation, object? request, string? idempotencyKey,
        Func<ReceptionDbContext, Visit, VisitPost, EventBatch, DateTime, Task> change, CancellationToken ct)
    {
        var actor = Access.Demand(user, siteId, Permission.TickOwnPost);
        await writer.WriteAsync(siteId, new Command(actor, operation, request, idempotencyKey), async (db, events) =>
        {
            var visit = await FindWithPostAsync(db, siteId, visitId, postId, ct);
            var visitPost = visit.PostOf(postId);
            await MayActAsync(db, user, siteId, visit, postId, ct);
            visit.EnsureOpen();
            var now = Now;
            await change(db, visit, visitPost, events, now);
            AddReadinessChanges(events, visit, now);
            return true;
        }, ct);
        return await PostDetailAsync(user, siteId, visitId, postId, ct);
    }

    /// <summary>One post of a visit as it stands now: what a tick or a report answers, without reading the whole visit again.</summary>
    private async Task<VisitPostDto> PostDetailAsync(ClaimsPrincipal user, Guid siteId, Guid visitId, Guid postId, CancellationToken ct)
    {
        Access.Demand(user, siteId, Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await FindWithPostAsync(db, siteId, visitId, postId, ct);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, ct);
        return ToPostDto(visit.PostOf(postId), post, Now);
    }

    /// <summary>
    /// Whether the caller may act on the post: their own post (the phone's post, or a post they are named
    /// for or usually stand at), or any post if they command. Acting on another's post is on their behalf.
    /// </summary>
    private static async Task<(bool OnBehalf, bool Commands)> MayActAsync(ReceptionDbContext db, ClaimsPrincipal user, Guid siteId, Visit visit, Guid postId, CancellationToken ct)
    {
        var commands = Access.Allows(user, siteId, Permission.TickAnyPost);
        if ((await OwnPostsAsync(db, user, siteId, visit, ct)).Contains(postId))
        {
            return (false, commands);
        }

        return commands ? (true, true) : throw new ForbiddenException(ErrorText.Get("NotYourPost"));
    }

    private static async Task<HashSet<Guid>> OwnPostsAsync(ReceptionDbContext db, ClaimsPrincipal user, Guid siteId, Visit visit, CancellationToken ct)
    {
        // A phone belongs to one post: whoever signs in on it acts for that post only.
        if (user.DeviceIdOf() is { } deviceId)
        {
            var phonePost = await db.Devices.Where(d => d.Id == deviceId && d.SiteId == siteId).Select(d => d.PostId).SingleOrDefaultAsync(ct);
            return phonePost is { } id ? [id] : [];
        }

        if (user.UserId() is not { } userId)
        {
            return [];
        }

        var me = await db.Staff.AsNoTracking().Where(s => s.SiteId == siteId && s.UserId == userId).Select(s => new { s.Id, s.PostId }).SingleOrDefaultAsync(ct);
        if (me is null)
        {
            return [];
        }

        var own = visit.Posts.Where(p => p.Staff.Any(s => s.StaffId == me.Id)).Select(p => p.PostId).ToHashSet();
        // Their usual post counts only where the plan names nobody: a named plan says exactly who stands where.
        if (me.PostId is { } usual && visit.Posts.SingleOrDefault(p => p.PostId == usual) is { StaffNamed: false })
        {
            own.Add(usual);
        }

        return own;
    }

    /// <summary>An actor as items and violations record it, and as pages compare it: "kind:id".</summary>
    public static string ActorKey(Actor actor) => $"{actor.Kind}:{actor.Id}";

    /// <summary>Announces each post whose readiness now differs from the one last announced.</summary>
    internal static void AddReadinessChanges(EventBatch events, Visit visit, DateTime now)
    {
        foreach (var post in visit.Posts)
        {
            if (post.Publish(now) is { } state)
            {
                events.Add(EventTypes.PostReadiness, new PostReadinessChanged(visit.Id, post.PostId, state), visit.Id);
            }
        }
    }

    /// <summary>Arms every deadline of the visit: each item, T-30 (unless already passed) and the arrival.</summary>
    private async Task ArmAsync(ReceptionDbContext db, EventBatch events, Visit visit, DateTime now, CancellationToken ct)
    {
        await scheduler.ArmAllAsync(db, events, visit.SiteId, visit.Id, VisitDeadlines.ItemKind, visit.Posts.SelectMany(p => p.Items).Select(i => (i.Id, i.DueAt)), ct);

        if (visit.ReadyBy > now)
        {
            await scheduler.ArmAsync(db, events, visit.SiteId, VisitDeadlines.ReadyByKind, visit.Id, visit.Id, visit.ReadyBy, ct);
        }
        else
        {
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ReadyByKind, [visit.Id], ct);
        }

        await scheduler.ArmAsync(db, events, visit.SiteId, VisitDeadlines.ArrivalKind, visit.Id, visit.Id, visit.Arrival, ct);

        // §4.5.3: engineering hears half an hour ahead. A minute before T-30, so the duty room's "engineering
        // told" item is done by its deadline rather than racing it; at once when the visit comes at short notice.
        if (visit.Posts.Any(p => p.Items.Any(i => i.Key == VisitDeadlines.FountainItemKey)) && visit.Notices.All(n => n.Kind != VisitNotice.WaterFeatures))
        {
            var notifyAt = visit.ReadyBy - FountainLead;
            await scheduler.ArmAsync(db, events, visit.SiteId, VisitDeadlines.FountainKind, visit.Id, visit.Id, notifyAt > now ? notifyAt : now, ct);
        }
    }

    internal static IQueryable<Visit> Load(ReceptionDbContext db) =>
        db.Visits.Include(v => v.Posts).ThenInclude(p => p.Items).Include(v => v.Posts).ThenInclude(p => p.Staff)
            .Include(v => v.Orders).ThenInclude(o => o.Recipients).Include(v => v.Violations).Include(v => v.Notices)
            .AsSplitQuery();

    /// <summary>
    /// The visit with only one of its posts: what a tick, a problem or a deadline of that post touches. A
    /// visit of a hundred posts is then not read whole for each of the hundreds of ticks before T-30.
    /// </summary>
    internal static IQueryable<Visit> LoadPost(ReceptionDbContext db, Guid postId) =>
        db.Visits.Include(v => v.Posts.Where(p => p.PostId == postId)).ThenInclude(p => p.Items)
            .Include(v => v.Posts.Where(p => p.PostId == postId)).ThenInclude(p => p.Staff)
            .AsSplitQuery();

    private static async Task<Visit> FindWithPostAsync(ReceptionDbContext db, Guid siteId, Guid visitId, Guid postId, CancellationToken ct) =>
        await LoadPost(db, postId).SingleOrDefaultAsync(v => v.SiteId == siteId && v.Id == visitId, ct)
        ?? throw new NotFoundException("Visit", visitId);

    internal static Task<Guid?> PostOfItemAsync(ReceptionDbContext db, Guid visitId, Guid itemId, CancellationToken ct) =>
        db.VisitItems.Where(i => i.Id == itemId)
            .Join(db.Set<VisitPost>().Where(p => p.VisitId == visitId), i => i.VisitPostId, p => p.Id, (i, p) => (Guid?)p.PostId)
            .SingleOrDefaultAsync(ct);

    private static async Task<Visit> FindAsync(ReceptionDbContext db, Guid siteId, Guid visitId, CancellationToken ct) =>
        await Load(db).SingleOrDefaultAsync(v => v.SiteId == siteId && v.Id == visitId, ct)
        ?? throw new NotFoundException("Visit", visitId);

    private static async Task<Dictionary<Guid, Post>> ActivePostsAsync(ReceptionDbContext db, Guid siteId, CancellationToken ct) =>
        await db.Posts.Where(p => p.SiteId == siteId && !p.Archived).ToDictionaryAsync(p => p.Id, ct);

    private static async Task<Dictionary<Guid, string>> PostNamesAsync(ReceptionDbContext db, Visit visit, CancellationToken ct)
    {
        var ids = visit.Posts.Select(p => p.PostId).ToList();
        return await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    /// <summary>The site's template; a site that never had one gets the default (DOMAIN §2) written on first use.</summary>
    internal static async Task<List<ChecklistTemplateItem>> TemplateAsync(ReceptionDbContext db, Guid siteId, CancellationToken ct)
    {
        var items = await db.ChecklistTemplate.Where(t => t.SiteId == siteId).OrderBy(t => t.Order).ToListAsync(ct);
        if (items.Count > 0)
        {
            return items;
        }

        items = DefaultChecklist.For(siteId).ToList();
        db.ChecklistTemplate.AddRange(items);
        return items;
    }

    private sealed record PlanContext(ShiftKind? OnDuty, IReadOnlyList<StaffingPlan.Rostered> Roster);

    /// <summary>The roster of the arrival's day: the shift on duty at the arrival, and where everyone rostered that day stands.</summary>
    private static async Task<PlanContext> PlanContextAsync(ReceptionDbContext db, Guid siteId, DateTime arrival, CancellationToken ct) =>
        await PlanContextAsync(db, await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, ct), arrival, ct);

    private static IReadOnlyList<StaffingPlan.Planned> LevelPlan(int level, Dictionary<Guid, Post> posts, IReadOnlyList<Guid> route, PlanContext context) =>
        StaffingPlan.For(level, posts.Values.Select(p => new StaffingPlan.SitePost(p.Id, p.Kind, p.RouteOrder)).ToList(), route, context.OnDuty, context.Roster);

    private static async Task<PlanContext> PlanContextAsync(ReceptionDbContext db, Site site, DateTime arrival, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(arrival, site.TimeZone);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.SiteId == site.Id).ToListAsync(ct);
        var running = shifts.Select(s => (Shift: s, Date: s.InstanceCovering(local))).FirstOrDefault(s => s.Date is not null);
        var day = running.Date ?? DateOnly.FromDateTime(local);
        var kinds = shifts.ToDictionary(s => s.Id, s => s.Kind);
        var entries = await db.Roster.AsNoTracking()
            .Where(r => r.SiteId == site.Id && r.Date == day)
            .Join(db.Staff.Where(s => s.Active), r => r.StaffId, s => s.Id, (r, s) => new { r.StaffId, r.ShiftId, PostId = r.PostId ?? s.PostId })
            .ToListAsync(ct);
        return new PlanContext(running.Shift?.Kind, entries.Select(e => new StaffingPlan.Rostered(e.StaffId, kinds[e.ShiftId], e.PostId)).ToList());
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
                errors[$"posts[{i}].postId"] = [ErrorText.Get("UnknownPost")];
            }
        }

        if (confirmed.GroupBy(p => p.PostId).Any(g => g.Count() > 1))
        {
            errors["posts"] = [ErrorText.Get("PostRepeated")];
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
            var staff = await NamedStaffAsync(db, siteId, $"posts[{i}].staffIds", c.StaffIds ?? [], context, ct);
            var onRoute = routeOrder.TryGetValue(c.PostId, out var order);
            planned.Add(new StaffingPlan.Planned(c.PostId, onRoute, onRoute ? order : route.Count + posts[c.PostId].RouteOrder, staff));
        }

        return planned.OrderBy(p => p.RouteOrder).ToList();
    }

    /// <summary>Staff named for a post: they must work at the site; anyone not on the shift on duty at the arrival is called in.</summary>
    private static async Task<IReadOnlyList<(Guid StaffId, ShiftKind? Shift, bool CalledIn)>> NamedStaffAsync(
        ReceptionDbContext db, Guid siteId, string field, IReadOnlyList<Guid> staffIds, PlanContext context, CancellationToken ct)
    {
        if (staffIds.Count > VisitPost.MaxStaff)
        {
            throw RuleViolationException.For(field, ErrorText.Get("TooManyStaff", VisitPost.MaxStaff));
        }

        var distinct = staffIds.Distinct().ToList();
        var known = await db.Staff.AsNoTracking().Where(s => s.SiteId == siteId && s.Active && distinct.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (known.Count != distinct.Count)
        {
            throw RuleViolationException.For(field, ErrorText.Get("UnknownStaff"));
        }

        return distinct.Select(id =>
        {
            var shift = context.Roster.Where(r => r.StaffId == id).Select(r => (ShiftKind?)r.Shift).FirstOrDefault();
            return (id, shift, CalledIn: context.OnDuty is null || shift != context.OnDuty);
        }).ToList();
    }

    // ---- input rules ----

    /// <summary>The arrival in UTC: a time without an offset is the site's local time (the "site local time").</summary>
    internal static DateTime ArrivalUtc(DateTime? arrival, TimeZoneInfo zone)
    {
        if (arrival is not { } given)
        {
            throw RuleViolationException.For("arrival", ErrorText.Get("GiveArrival"));
        }

        if (given.Kind != DateTimeKind.Unspecified)
        {
            return given.ToUniversalTime();
        }

        if (zone.IsInvalidTime(given))
        {
            // A local time skipped by a daylight-saving change does not exist at the site.
            throw RuleViolationException.For("arrival", ErrorText.Get("ArrivalDoesNotExist"));
        }

        return TimeZoneInfo.ConvertTimeToUtc(given, zone);
    }

    private static void EnsureFuture(DateTime arrival, DateTime now)
    {
        if (arrival <= now)
        {
            throw RuleViolationException.For("arrival", ErrorText.Get("ArrivalPast"));
        }

        if (arrival > now + MaxAhead)
        {
            throw RuleViolationException.For("arrival", ErrorText.Get("ArrivalTooFar"));
        }
    }

    internal static void CheckLevel(int level)
    {
        if (level is < 1 or > 3)
        {
            throw RuleViolationException.For("level", ErrorText.Get("VisitLevel"));
        }
    }

    private static IReadOnlyList<Guid> CheckRoute(IReadOnlyList<Guid> route, Dictionary<Guid, Post> posts)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < route.Count; i++)
        {
            if (!posts.ContainsKey(route[i]))
            {
                errors[$"route[{i}]"] = [ErrorText.Get("UnknownPost")];
            }
        }

        if (route.Distinct().Count() != route.Count)
        {
            errors["route"] = [ErrorText.Get("PostRepeated")];
        }

        return errors.Count > 0 ? throw new RuleViolationException(errors) : route;
    }

    private static string RequiredReason(string? reason)
    {
        var trimmed = Validation.TrimToNull(reason) ?? throw RuleViolationException.For("reason", ErrorText.Get("GiveReason"));
        if (Validation.HasControlCharacters(trimmed, multiLine: true))
        {
            throw RuleViolationException.For("reason", Validation.ControlCharactersRefused());
        }

        return trimmed.Length <= Visit.ReasonMaxLength ? trimmed : throw RuleViolationException.For("reason", ErrorText.Get("MaxLength", Visit.ReasonMaxLength));
    }

    // ---- answers ----

    internal static ReadinessReportDto? ReportOf(Visit visit) =>
        visit.ReportJson is null ? null
        : JsonSerializer.Deserialize<ReadinessReportDto>(visit.ReportJson, ServerJson.Options)! with { AcknowledgedAt = visit.ReportAcknowledgedAt };

    internal static VisitDto ToDto(Visit v, DateTime now) => new(
        v.Id, v.SiteId, v.Title, v.Level, v.Arrival, v.ReadyBy, v.Host, v.Notes, v.Status, Readiness.Phase(v, now), v.ShortNotice,
        v.AnnouncedAt, v.RescheduledAt, v.CancelReason, v.ArrivedAt, v.EndedAt, Readiness.Figures(v, now), ReportOf(v), v.Version);

    private static VisitPostDto ToPostDto(VisitPost p, Post post, DateTime now) => new(
        p.PostId, post.Name, post.Kind, p.OnRoute, p.RouteOrder, p.StateAt(now), p.Problem, p.ProblemAt, p.Presence, p.LeaveReason,
        p.Staff.Select(s => new PlannedStaffDto(s.StaffId, s.Shift, s.CalledIn)).ToList(),
        p.Items.OrderBy(i => i.Order).Select(i => new ChecklistItemDto(
            i.Id, i.Key, i.Rule, i.Text, i.DueAt, i.DueNow, i.StateAt(now), i.DoneAt, i.DoneByKind is null ? null : ActorKey(new Actor(i.DoneByKind, i.DoneById!, null)), i.DoneByRole, i.DoneOnBehalf)).ToList());

    private static async Task<VisitDetailDto> ToDetailAsync(ReceptionDbContext db, Visit visit, DateTime now, CancellationToken ct) =>
        (await ToDetailsAsync(db, [visit], now, ct)).Single();

    /// <summary>Visits as the board shows them; the posts' names and the webhook deliveries of all of them are read in one query each.</summary>
    private static async Task<IReadOnlyList<VisitDetailDto>> ToDetailsAsync(ReceptionDbContext db, IReadOnlyList<Visit> visits, DateTime now, CancellationToken ct)
    {
        var ids = visits.SelectMany(v => v.Posts).Select(p => p.PostId).Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var outboundIds = visits.SelectMany(v => v.Notices).Where(n => n.OutboundMessageId is not null).Select(n => n.OutboundMessageId!.Value).ToList();
        var deliveries = await db.OutboundMessages.AsNoTracking().Where(m => outboundIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ToDto(), ct);
        return visits.Select(visit => Detail(visit, posts, deliveries, now)).ToList();
    }

    private static VisitDetailDto Detail(Visit visit, Dictionary<Guid, Post> posts, Dictionary<Guid, DeliveryDto> deliveries, DateTime now) =>
        new(ToDto(visit, now), visit.Posts.OrderBy(p => p.RouteOrder).Select(p => ToPostDto(p, posts[p.PostId], now)).ToList(),
            visit.Orders.OrderByDescending(o => o.SentAt).Select(o => o.ToDto(now)).ToList(),
            visit.Violations.OrderBy(v => v.ClearedAt is not null).ThenByDescending(v => v.ReportedAt).Select(v => v.ToDto()).ToList(),
            visit.Notices.OrderBy(n => n.SentAt).Select(n => new VisitNoticeDto(n.Id, n.Kind, n.SentAt, n.DoneAt,
                n.OutboundMessageId is { } id ? deliveries.GetValueOrDefault(id) : null)).ToList());
}
