using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure.Outbound;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Who is at a post during a visit (§4.2.1): a guard asks to leave, a foreman approves (with a
/// replacement, or leaving the post empty) or refuses, and anyone at the post reports it empty or manned.
/// </summary>
public sealed class PostAttendance(VisitWrites visits, Outbox outbox)
{
    /// <summary>A guard asks to leave the post; a foreman decides.</summary>
    public Task<VisitPostDto> RequestLeaveAsync(SiteCall call, Guid visitId, Guid postId, RequestLeave request)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        var reason = VisitInput.RequiredReason(request.Reason, "GiveLeaveReason");
        return visits.ChangePostAsync(call, actor, visitId, postId, $"visits.leave:{visitId}:{postId}", request, async (db, visit, visitPost, events, now) =>
        {
            // Who leaves: the caller, when they are one of the staff at the post (a foreman asking for a guard names nobody).
            var caller = call.User.UserId() is { } userId
                ? await db.Staff.Where(x => x.SiteId == call.SiteId && x.UserId == userId).Select(x => (Guid?)x.Id).SingleOrDefaultAsync(call.Cancellation)
                : null;
            var staffId = caller is { } me && visitPost.Staff.Any(x => x.StaffId == me) ? caller : null;
            if (visitPost.RequestLeave(reason, staffId))
            {
                events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, false), visit.Id);
            }
        });
    }

    /// <summary>A foreman approves (naming a replacement, or leaving the post empty) or refuses a leave request.</summary>
    public Task<VisitPostDto> DecideLeaveAsync(SiteCall call, Guid visitId, Guid postId, DecideLeave request)
    {
        var actor = call.Demand(Permission.TickAnyPost);
        var approve = request.Approve ?? throw RuleViolationException.For("approve", VisitText.Get("Leave.GiveDecision"));
        return visits.ChangePostAsync(call, actor, visitId, postId, $"visits.leave-decide:{visitId}:{postId}", request, async (db, visit, visitPost, events, now) =>
        {
            (Guid StaffId, ShiftKind? Shift, bool CalledIn)? named = null;
            if (approve && request.ReplacementStaffId is { } replacement)
            {
                var context = await PlanContext.ForAsync(db, call.SiteId, visit.Arrival, call.Cancellation);
                named = (await context.NamedStaffAsync(db, call.SiteId, "replacementStaffId", [replacement], call.Cancellation)).Single();
            }

            visitPost.DecideLeave(approve, named);
            events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, named is not null), visit.Id);
            await AlertIfEmptyAsync(db, events, visit, visitPost, call.Cancellation);
        });
    }

    /// <summary>Someone reports the post left empty, or manned again; an empty post during a visit is an alarm.</summary>
    public Task<VisitPostDto> SetPresenceAsync(SiteCall call, Guid visitId, Guid postId, SetPresence request)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        if (request.Presence is not (PostPresence.Staffed or PostPresence.Empty))
        {
            throw RuleViolationException.For("presence", VisitText.Get("PresenceValue"));
        }

        return visits.ChangePostAsync(call, actor, visitId, postId, $"visits.presence:{visitId}:{postId}", request, async (db, visit, visitPost, events, now) =>
        {
            if (visitPost.SetPresence(request.Presence))
            {
                events.Add(EventTypes.PresenceChanged, new PresenceChanged(visit.Id, postId, visitPost.Presence, false), visit.Id);
                await AlertIfEmptyAsync(db, events, visit, visitPost, call.Cancellation);
            }
        });
    }

    private async Task AlertIfEmptyAsync(ReceptionDbContext db, EventBatch events, Visit visit, VisitPost visitPost, CancellationToken ct)
    {
        if (visitPost.Presence == PostPresence.Empty)
        {
            var name = await db.Posts.NameOfAsync(visitPost.PostId, ct);
            outbox.Enqueue(db, events, visit.SiteId, visit.Id, VisitChannels.Chat, ChatAlert.Empty(visit.Title, name));
        }
    }
}
