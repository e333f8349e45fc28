using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// Closing an incident breaks the promises on it not yet kept (desk §4.3: they end kept or broken) and disarms their
/// times. Part of the close's write (<see cref="IncidentClosing"/>), not a use case of its own.
/// </summary>
public static class PromiseBreaking
{
    /// <summary>Called inside the close's write, after its own event.</summary>
    public static async Task BreakOpenAsync(ReceptionDbContext db, EventBatch events, Guid incidentId, CancellationToken ct)
    {
        var open = await db.IncidentPromises
            .Where(p => p.IncidentId == incidentId && (p.State == PromiseState.Pending || p.State == PromiseState.Overdue))
            .ToListAsync(ct);
        var broken = new List<Guid>();
        foreach (var promise in open)
        {
            if (promise.Break())
            {
                events.Add(EventTypes.PromiseBroken, promise.ToEvent());
                broken.Add(promise.Id);
            }
        }

        if (broken.Count > 0)
        {
            await DueScheduler.DisarmAsync(db, PromiseDeadlines.DueKind, broken, ct);
        }
    }
}
