using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The desk replied as it promised (desk §4.3): the promise is kept, on time or late, and its time disarmed in the same
/// write. The event carries ids, the time and the state only (desk §2.8).
/// </summary>
public sealed class PromiseKeeping(SiteWriter writer, TimeProvider clock)
{
    /// <summary>Kept, pending or overdue; a kept one answers the same again, a broken one is refused (409).</summary>
    public Task<IncidentPromiseDto> KeepAsync(SiteCall call, Guid incidentId, Guid promiseId)
    {
        var actor = call.Demand(Permission.RaiseIncidents);
        return writer.WriteAsync(call, actor, $"incidents.promise-keep:{promiseId}", null, async (db, events) =>
        {
            var promise = await db.IncidentPromises.Where(p => p.IncidentId == incidentId)
                .FindAtSiteAsync(call, promiseId, IncidentText.Get("Entity.Promise"));
            if (promise.Keep(IncidentActor.Of(call, actor), clock.GetUtcNow().UtcDateTime))
            {
                await DueScheduler.DisarmAsync(db, PromiseDeadlines.DueKind, [promise.Id], call.Cancellation);
                events.Add(EventTypes.PromiseKept, promise.ToEvent());
            }

            var incident = await db.Incidents.AsNoTracking()
                .Where(i => i.Id == incidentId)
                .Select(i => new { i.UnitNumber, i.Kind })
                .SingleAsync(call.Cancellation);
            return promise.ToDto(incident.UnitNumber, incident.Kind);
        });
    }
}
