using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// A promise's time (desk §4.3): when it comes and the promise is still pending, it turns overdue, an alert for the
/// desk. The scheduler fires it once, and after a restart fires what came due while the app was down; keeping the
/// promise, or closing its incident, disarms it.
/// </summary>
public sealed class PromiseDeadlines : IDueJobHandler
{
    /// <summary>A promise's job: its target is the promise, its owner the incident.</summary>
    public const string DueKind = "incident.promise-due";

    public IReadOnlyCollection<string> Kinds { get; } = [DueKind];

    public async Task FireAsync(ReceptionDbContext db, EventBatch events, DueJob job, DateTime now, CancellationToken ct)
    {
        var promise = await db.IncidentPromises.SingleOrDefaultAsync(p => p.Id == job.TargetId, ct);
        if (promise is not null && promise.TurnOverdue(now))
        {
            events.Add(EventTypes.PromiseOverdue, promise.ToEvent());
        }
    }
}
