using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Infrastructure.Outbound;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The desk sends an incident it cannot handle up at once, by one action: a complaint to its shift lead (领班: the
/// foreman rostered at a front-desk post now, else the supervisor on duty, desk §2.7); a lobby situation to the
/// customer-service supervisor on duty, else the managers (客服主管或经理, desk §2.9); any other kind to the supervisor
/// on duty. Only an incident not yet resolved goes up, and not while the desk's own earlier escalation of it waits
/// to be acknowledged: one that went up by itself on a time limit went to the supervisor for the lateness, and must
/// not keep the desk from sending a complaint to its shift lead. The board sounds and the duty chat hears it (kind,
/// unit and age only, desk §2.8).
/// </summary>
public sealed class IncidentEscalating(SiteWriter writer, Outbox outbox, TimeProvider clock)
{
    public Task<IncidentDto> EscalateAsync(SiteCall call, Guid incidentId, EscalateIncident request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        var ct = call.Cancellation;
        return writer.WriteAsync(call, actor, $"incidents.escalate:{incidentId}", request, async (db, events) =>
        {
            var scope = await IncidentScope.OfAsync(db, call);
            var incident = await scope.FindAsync(db.Incidents, call, incidentId);
            if (incident.Version != request.Version)
            {
                throw ConflictException.Stale(IncidentText.Get("Stale.Incident"), incident.Version, await IncidentMapping.ToDtoAsync(db, incident, scope, ct));
            }

            if (incident.State is IncidentState.Resolved or IncidentState.Closed)
            {
                throw new ConflictException(IncidentText.Get("EscalationRefusal.NotOpen", IncidentText.Get($"State.{incident.State}")));
            }

            var waiting = await db.IncidentEscalations.AsNoTracking()
                .Where(e => e.IncidentId == incident.Id && e.AcknowledgedAt == null
                    && (e.Reason == EscalationReason.ShiftLead || e.Reason == EscalationReason.Supervisor))
                .OrderBy(e => e.At)
                .FirstOrDefaultAsync(ct);
            if (waiting is not null)
            {
                throw new ConflictException(waiting.Addressees.Count == 0
                    ? IncidentText.Get("EscalationRefusal.AlreadyOpenNoOne")
                    : IncidentText.Get("EscalationRefusal.AlreadyOpen", string.Join(IncidentText.Get("EscalationRefusal.Separator"), waiting.Addressees)));
            }

            var (reason, duty) = incident.Kind switch
            {
                IncidentKind.Complaint => (EscalationReason.ShiftLead, Duty.ShiftLead),
                _ => (EscalationReason.Supervisor, Duty.Supervisor),
            };
            await SendAsync(db, events, outbox, incident, reason, duty, clock.GetUtcNow().UtcDateTime, ct);
            return await IncidentMapping.ToDtoAsync(db, incident, scope, ct);
        });
    }

    /// <summary>
    /// Sends the incident up to whoever is on <paramref name="duty"/> now, in the caller's write: the escalation, its
    /// event (ids only) and the duty chat's line. The desk's escalations and the time limits' share it.
    /// </summary>
    internal static async Task<IncidentEscalation> SendAsync(
        ReceptionDbContext db, EventBatch events, Outbox outbox, Incident incident, EscalationReason reason, Duty duty, DateTime now, CancellationToken ct)
    {
        var to = await DutyResolver.ResolveAsync(db, incident.SiteId, duty, now, ct);
        var escalation = IncidentEscalation.Raise(incident, reason, to, now);
        db.IncidentEscalations.Add(escalation);
        events.Add(EventTypes.IncidentEscalated, escalation.ToEvent());
        outbox.Enqueue(db, events, incident.SiteId, null, VisitChannels.Chat, IncidentChatAlert.Escalated(incident, reason, now));
        return escalation;
    }
}
