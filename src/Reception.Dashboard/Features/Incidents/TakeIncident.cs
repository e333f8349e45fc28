namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The department an incident was forwarded to takes it: a Department only from its own department's queue;
/// a supervisor, manager or admin for any department.
/// </summary>
public sealed class IncidentTaking(IncidentWrites writes)
{
    public Task<IncidentDto> TakeAsync(SiteCall call, Guid incidentId, TakeIncident request)
    {
        var actor = call.Demand(Permission.HandleForwardedIncidents);
        return writes.MoveAsync(call, actor, incidentId, request.Version, $"incidents.take:{incidentId}", request, (_, incident, now) =>
        {
            incident.Take(IncidentActor.Of(call, actor), now);
            return Task.FromResult(EventTypes.IncidentTaken);
        });
    }
}
