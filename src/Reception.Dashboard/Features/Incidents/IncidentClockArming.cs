using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// Keeps an incident's two clocks (<see cref="IncidentClocks"/>) on the scheduler, in the write that moves it: raised
/// or reopened, both run; forwarded, the forward clock stops; resolved or closed, both stop. <see cref="IncidentDeadlines"/>
/// fires them.
/// </summary>
public sealed class IncidentClockArming(DueScheduler scheduler)
{
    public const string ForwardKind = "incident.forward-due";
    public const string ResolveKind = "incident.resolve-due";

    /// <summary>
    /// Arms the clocks that run for the incident as it now stands and disarms those that stopped. A clock whose time
    /// is unchanged is left as it is, run out or not; one whose time moved (reopened) runs out again, once.
    /// </summary>
    public async Task ArmAsync(ReceptionDbContext db, EventBatch events, Incident incident, CancellationToken ct)
    {
        var limit = await IncidentTimeLimits.ForAsync(db, incident.SiteId, incident.Kind, incident.Priority, ct);
        await SetAsync(db, events, incident, ForwardKind, IncidentClocks.ForwardDueAt(incident, limit), ct);
        await SetAsync(db, events, incident, ResolveKind, IncidentClocks.ResolveDueAt(incident, limit), ct);
    }

    /// <summary>The site's limits changed: every clock not yet run out moves to its time under <paramref name="limits"/>.</summary>
    internal async Task RearmUnfiredAsync(ReceptionDbContext db, EventBatch events, Guid siteId, IReadOnlyList<IncidentTimeLimitDto> limits, CancellationToken ct)
    {
        var jobs = await db.DueJobs
            .Where(j => j.SiteId == siteId && j.FiredAt == null && (j.Kind == ForwardKind || j.Kind == ResolveKind))
            .ToListAsync(ct);
        var incidentIds = jobs.Select(j => j.TargetId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        foreach (var job in jobs)
        {
            if (!incidents.TryGetValue(job.TargetId, out var incident))
            {
                continue;
            }

            var limit = IncidentTimeLimits.Find(limits, incident.Kind, incident.Priority);
            var dueAt = job.Kind == ForwardKind ? IncidentClocks.ForwardDueAt(incident, limit) : IncidentClocks.ResolveDueAt(incident, limit);
            // A clock that no longer runs has no job left to move: moving the incident disarmed it.
            if (dueAt is { } at)
            {
                job.DueAt = at;
            }
        }

        events.AfterCommit(scheduler.Wake);
    }

    private async Task SetAsync(ReceptionDbContext db, EventBatch events, Incident incident, string kind, DateTime? dueAt, CancellationToken ct)
    {
        if (dueAt is { } at)
        {
            await scheduler.ArmAsync(db, events, incident.SiteId, kind, incident.Id, incident.Id, at, ct);
        }
        else
        {
            await DueScheduler.DisarmAsync(db, kind, [incident.Id], ct);
        }
    }
}
