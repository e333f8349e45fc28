namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The steps every move of an incident shares once its use case has checked its permission: load the incident
/// inside the write as the caller's scope allows, refuse a move based on an older version (409 with the current
/// one), make the move, record its event, set its time-limit clocks for where it now stands, and answer the incident
/// as the caller may read it.
/// </summary>
public sealed class IncidentWrites(SiteWriter writer, TimeProvider clock, IncidentClockArming clocks)
{
    /// <param name="move">Makes the move on the incident at the time given; answers the event type it raises.</param>
    /// <param name="after">What else the move changes, in the same write, after the incident's own event: closing breaks its open promises.</param>
    public Task<IncidentDto> MoveAsync(
        SiteCall call, Actor actor, Guid incidentId, long version, string operation, object request,
        Func<ReceptionDbContext, Incident, DateTime, Task<string>> move,
        Func<ReceptionDbContext, EventBatch, Incident, Task>? after = null) =>
        writer.WriteAsync(call, actor, operation, request, async (db, events) =>
        {
            var scope = await IncidentScope.OfAsync(db, call);
            var incident = await scope.FindAsync(db.Incidents, call, incidentId);
            if (incident.Version != version)
            {
                throw ConflictException.Stale(
                    IncidentText.Get("Stale.Incident"), incident.Version, await IncidentMapping.ToDtoAsync(db, incident, scope, call.Cancellation));
            }

            var type = await move(db, incident, clock.GetUtcNow().UtcDateTime);
            events.Add(type, incident.ToEvent());
            await clocks.ArmAsync(db, events, incident, call.Cancellation);
            if (after is not null)
            {
                await after(db, events, incident);
            }

            return await IncidentMapping.ToDtoAsync(db, incident, scope, call.Cancellation);
        });
}
