namespace Reception.Dashboard.Features.Incidents;

/// <summary>Escalations as the desk, the board and a department read them, for the incidents <see cref="IncidentScope"/> gives each.</summary>
public sealed class IncidentEscalations(IDbContextFactory<ReceptionDbContext> dbFactory)
{
    /// <summary>An incident's escalations, oldest first: its history of going up.</summary>
    public async Task<IReadOnlyList<IncidentEscalationDto>> ForIncidentAsync(SiteCall call, Guid incidentId)
    {
        call.Demand(Permission.ViewIncidents);
        var ct = call.Cancellation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IncidentScope.OfAsync(db, call);
        await scope.FindAsync(db.Incidents.AsNoTracking(), call, incidentId);
        var escalations = await db.IncidentEscalations.AsNoTracking()
            .Where(e => e.IncidentId == incidentId)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(ct);
        return escalations.Select(e => e.ToDto()).ToList();
    }

    /// <summary>The escalations not yet acknowledged of the incidents still open, by incident: what the board sounds for.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<IncidentEscalationDto>>> OpenByIncidentAsync(SiteCall call)
    {
        call.Demand(Permission.ViewIncidents);
        var ct = call.Cancellation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(call.SiteId, ct);
        var scope = await IncidentScope.OfAsync(db, call);
        var open = scope.Filter(db.Incidents.AsNoTracking()
                .Where(i => i.SiteId == call.SiteId && i.State != IncidentState.Resolved && i.State != IncidentState.Closed))
            .Select(i => i.Id);
        var escalations = await db.IncidentEscalations.AsNoTracking()
            .Where(e => e.SiteId == call.SiteId && e.AcknowledgedAt == null && open.Contains(e.IncidentId))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(ct);
        return escalations.GroupBy(e => e.IncidentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentEscalationDto>)g.Select(e => e.ToDto()).ToList());
    }
}
