namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The front desk's tiles on the wall: how many incidents are open, how many are past a time limit (with the promises
/// past their time, desk §4.3), how many open incidents have an escalation waiting to be acknowledged (the board stops
/// sounding for a resolved one, and the wall agrees with it), and since when the oldest open one has waited. Counts
/// and a time only: the wall screen reads them, so it reads only the columns the clocks need, never a name (desk §2.8).
/// </summary>
public sealed class FrontDeskFigures(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    public async Task<FrontDeskFiguresDto> GetAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var openIncidents = db.Incidents.Where(i => i.SiteId == siteId && i.State != IncidentState.Resolved && i.State != IncidentState.Closed);
        var open = await openIncidents
            .Select(i => new { i.Kind, i.Priority, i.State, i.RaisedAt, i.ReopenedAt })
            .ToListAsync(ct);
        var limits = await IncidentTimeLimits.ForSiteAsync(db, siteId, ct);
        var overdueIncidents = open.Count(i =>
            IncidentClocks.IsOverdue(i.State, i.RaisedAt, i.ReopenedAt, IncidentTimeLimits.Find(limits, i.Kind, i.Priority), now));
        var overduePromises = await db.IncidentPromises.CountAsync(p => p.SiteId == siteId && p.State == PromiseState.Overdue, ct);
        var escalated = await openIncidents.CountAsync(i => db.IncidentEscalations.Any(e => e.IncidentId == i.Id && e.AcknowledgedAt == null), ct);
        return new FrontDeskFiguresDto(open.Count, overdueIncidents + overduePromises, escalated, open.Min(i => (DateTime?)i.RaisedAt));
    }
}
