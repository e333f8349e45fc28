using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Visits;

/// <summary>Arms a visit's deadlines in the write that sets them: announcing, moving, and adding a post.</summary>
public sealed class DeadlineArming(DueScheduler scheduler)
{
    private static readonly TimeSpan FountainLead = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Arms a visit's deadlines again after a mistaken arrival is taken back. Arriving removed T-30 before it
    /// fired; if it passed meanwhile, nobody has heard it yet, so it is due at once rather than never.
    /// </summary>
    internal async Task RearmAfterUndoneArrivalAsync(ReceptionDbContext db, EventBatch events, Visit visit, DateTime now, CancellationToken ct)
    {
        var readyByFired = await db.DueJobs.AnyAsync(j => j.Kind == VisitDeadlines.ReadyByKind && j.TargetId == visit.Id && j.FiredAt != null, ct);
        await ArmAsync(db, events, visit, now, ct);
        if (visit.ReadyBy <= now && !readyByFired)
        {
            await scheduler.ArmAsync(db, events, visit.SiteId, VisitDeadlines.ReadyByKind, visit.Id, visit.Id, now, ct);
        }
    }

    /// <summary>Arms every deadline of the visit: each item, T-30 (unless already passed) and the arrival.</summary>
    internal async Task ArmAsync(ReceptionDbContext db, EventBatch events, Visit visit, DateTime now, CancellationToken ct)
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
}
