namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The desk closes a resolved incident once it has told the person what was done; a promise on it not yet kept is
/// thereby broken (desk §4.3).
/// </summary>
public sealed class IncidentClosing(IncidentWrites writes)
{
    public Task<IncidentDto> CloseAsync(SiteCall call, Guid incidentId, CloseIncident request)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        return writes.MoveAsync(call, actor, incidentId, request.Version, $"incidents.close:{incidentId}", request, (_, incident, now) =>
        {
            incident.Close(now);
            return Task.FromResult(EventTypes.IncidentClosed);
        }, (db, events, incident) => PromiseBreaking.BreakOpenAsync(db, events, incident.Id, call.Cancellation));
    }
}
