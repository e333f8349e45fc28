using Reception.Dashboard.Infrastructure.Outbound;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// A visit's lifecycle: moved while planned, arrived (taken back within minutes if by mistake), ended, or
/// cancelled. Every move re-arms or disarms its deadlines in the same write, and engineering hears when a
/// visit it was told about moves or is cancelled.
/// </summary>
public sealed class VisitLifecycle(VisitWrites visits, DeadlineArming deadlines, Outbox outbox)
{
    public Task<VisitDto> RescheduleAsync(SiteCall call, Guid visitId, RescheduleVisit request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.reschedule:{visitId}", request, async (db, visit, events, now) =>
        {
            visit.EnsurePlanned();
            var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == call.SiteId, call.Cancellation);
            var arrival = VisitInput.ArrivalUtc(request.Arrival, site.TimeZone);
            if (arrival == visit.Arrival)
            {
                return;
            }

            VisitInput.EnsureFuture(arrival, now);
            var previous = visit.Arrival;
            visit.Reschedule(arrival, now);
            await WithdrawFountainNoticeAsync(db, events, visit, ChatAlert.WaterFeaturesMoved(visit.Title, TimeZoneInfo.ConvertTimeFromUtc(arrival, site.TimeZone)), call.Cancellation);
            await deadlines.ArmAsync(db, events, visit, now, call.Cancellation);
            // The archive says from when to when it moved (§4.2.3).
            events.Add(EventTypes.VisitRescheduled, visit.ToEvent() with { PreviousArrival = previous }, visit.Id);
            VisitWrites.AddReadinessChanges(events, visit, now);
        });
    }

    public Task<VisitDto> CancelAsync(SiteCall call, Guid visitId, CancelVisit request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        var reason = VisitInput.RequiredReason(request.Reason, "GiveCancelReason");
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.cancel:{visitId}", request, async (db, visit, events, now) =>
        {
            visit.Cancel(reason, now);
            await DueScheduler.DisarmOwnerAsync(db, visit.Id, call.Cancellation);
            if (visit.EngineeringToldAt is not null)
            {
                outbox.Enqueue(db, events, call.SiteId, visit.Id, VisitChannels.Engineering, ChatAlert.WaterFeaturesCancelled(visit.Title));
            }

            events.Add(EventTypes.VisitCancelled, visit.ToEvent(), visit.Id);
        });
    }

    public Task<VisitDto> ArriveAsync(SiteCall call, Guid visitId)
    {
        var actor = call.Demand(Permission.ManageVisits);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.arrive:{visitId}", null, async (db, visit, events, now) =>
        {
            visit.MarkArrived(now);
            // The arrival has happened: the T-30 and arrival reminders are moot; late items still count.
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ReadyByKind, [visit.Id], call.Cancellation);
            await DueScheduler.DisarmAsync(db, VisitDeadlines.ArrivalKind, [visit.Id], call.Cancellation);
            events.Add(EventTypes.VisitArrived, visit.ToEvent(), visit.Id);
        });
    }

    /// <summary>
    /// Takes back an arrival marked by mistake, within <see cref="Visit.ArrivalUndoWindow"/>: the visit is planned
    /// again and the T-30 and arrival deadlines that arriving disarmed are armed again, as a move arms them.
    /// The event records who took it back and when (§4.2.3).
    /// </summary>
    public Task<VisitDto> UndoArrivalAsync(SiteCall call, Guid visitId)
    {
        var actor = call.Demand(Permission.ManageVisits);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.undo-arrival:{visitId}", null, async (db, visit, events, now) =>
        {
            visit.UndoArrival(now);
            await deadlines.RearmAfterUndoneArrivalAsync(db, events, visit, now, call.Cancellation);
            events.Add(EventTypes.VisitArrivalUndone, visit.ToEvent(), visit.Id);
        });
    }

    public Task<VisitDto> EndAsync(SiteCall call, Guid visitId)
    {
        var actor = call.Demand(Permission.ManageVisits);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.end:{visitId}", null, async (db, visit, events, now) =>
        {
            visit.End(now);
            await DueScheduler.DisarmOwnerAsync(db, visit.Id, call.Cancellation);
            events.Add(EventTypes.VisitEnded, visit.ToEvent(), visit.Id);
        });
    }

    /// <summary>
    /// A visit that moves after engineering was told: the notice is withdrawn (engineering hears of the move)
    /// and the duty room's "engineering told" item reopens, so a new notice goes half an hour before the new arrival.
    /// </summary>
    private async Task WithdrawFountainNoticeAsync(ReceptionDbContext db, EventBatch events, Visit visit, ChatAlert moved, CancellationToken ct)
    {
        if (visit.WithdrawEngineeringNotice() is not { } notice)
        {
            return;
        }

        events.Add(EventTypes.NoticeWithdrawn, notice.ToEvent(), visit.Id);
        // The fired job goes too, so the new arrival's notice is armed afresh whatever its time.
        await db.DueJobs.Where(j => j.Kind == VisitDeadlines.FountainKind && j.TargetId == visit.Id).ExecuteDeleteAsync(ct);
        foreach (var post in visit.Posts)
        {
            foreach (var item in post.Items.Where(i => i.Key == VisitDeadlines.FountainItemKey && i.DoneByKind == DueScheduler.Actor.Kind && i.DoneById == DueScheduler.Actor.Id))
            {
                item.Reopen();
                events.Add(EventTypes.ItemUndone, new ChecklistItemChanged(visit.Id, post.PostId, item.Id, item.Key, ItemState.Open, false), visit.Id);
            }
        }

        outbox.Enqueue(db, events, visit.SiteId, visit.Id, VisitChannels.Engineering, moved);
    }
}
