using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Infrastructure.Outbound;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// An incident's clock ran out: not forwarded, or not resolved, within the site's limit for its kind and priority. It
/// escalates by itself to the supervisor on duty, whatever its kind, as the system. The scheduler fires each clock
/// once, and after a restart whatever ran out while the app was down; a clock that ran out once since the incident's
/// clocks last started (raised, or reopened) escalates once, even if it is armed again meanwhile.
/// </summary>
public sealed class IncidentDeadlines(Outbox outbox) : IDueJobHandler
{
    public IReadOnlyCollection<string> Kinds { get; } = [IncidentClockArming.ForwardKind, IncidentClockArming.ResolveKind];

    public async Task FireAsync(ReceptionDbContext db, EventBatch events, DueJob job, DateTime now, CancellationToken ct)
    {
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == job.TargetId, ct);
        var reason = job.Kind == IncidentClockArming.ForwardKind ? EscalationReason.NotForwardedInTime : EscalationReason.NotResolvedInTime;
        // Moving the incident disarms a clock that stopped; this covers a move that raced the firing.
        var stillRunning = reason == EscalationReason.NotForwardedInTime
            ? incident?.State == IncidentState.Open
            : incident is { State: not (IncidentState.Resolved or IncidentState.Closed) };
        if (incident is null || !stillRunning)
        {
            return;
        }

        // A clock runs out at least a minute after it started: an escalation at the instant it started was the last run's.
        var since = IncidentClocks.StartedAt(incident);
        if (await db.IncidentEscalations.AnyAsync(e => e.IncidentId == incident.Id && e.Reason == reason && e.At > since, ct))
        {
            return;
        }

        await IncidentEscalating.SendAsync(db, events, outbox, incident, reason, Duty.Supervisor, now, ct);
    }
}
