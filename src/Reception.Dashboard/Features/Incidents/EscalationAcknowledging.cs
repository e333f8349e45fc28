namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// Someone takes an escalation on, which stops the board's sound: a person it went to, or any supervisor or manager
/// (managers are not rostered, so they act on any). Anyone else is refused. Acknowledging it again answers the same,
/// with who acknowledged it first.
/// </summary>
public sealed class EscalationAcknowledging(SiteWriter writer, TimeProvider clock)
{
    public Task<IncidentEscalationDto> AcknowledgeAsync(SiteCall call, Guid incidentId, Guid escalationId)
    {
        // Whether a person it went to may depends on the escalation, which only the write reads.
        var anyone = call.Allows(Permission.AcknowledgeEscalations);
        var actor = call.Demand(anyone ? Permission.AcknowledgeEscalations : Permission.ViewBoard);
        var userId = call.User.UserId();
        if (!anyone && userId is null)
        {
            throw new ForbiddenException(IncidentText.Get("EscalationRefusal.NotYours"));
        }

        return writer.WriteAsync(call, actor, $"incidents.acknowledge:{escalationId}", escalationId, async (db, events) =>
        {
            var escalation = await db.IncidentEscalations
                .SingleOrDefaultAsync(e => e.SiteId == call.SiteId && e.IncidentId == incidentId && e.Id == escalationId, call.Cancellation)
                ?? throw new NotFoundException(IncidentText.Get("Entity.Escalation"), escalationId);
            if (!anyone && (userId is not { } me || !escalation.IsAddressedTo(me)))
            {
                throw new ForbiddenException(IncidentText.Get("EscalationRefusal.NotYours"));
            }

            if (escalation.Acknowledge(IncidentActor.Of(call, actor), clock.GetUtcNow().UtcDateTime))
            {
                events.Add(EventTypes.EscalationAcknowledged, escalation.ToEvent());
            }

            return escalation.ToDto();
        });
    }
}
