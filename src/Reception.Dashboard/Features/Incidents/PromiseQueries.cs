namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The desk's promises to reply later (desk §4.3), as it reads them: an incident's, and those coming due at the site,
/// each saying which incident it was made on (its kind and unit).
/// </summary>
public sealed class PromiseQueries(IDbContextFactory<ReceptionDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How far ahead the desk's list looks by default: "it shows as it nears its time" (desk §4.3).</summary>
    public static readonly TimeSpan DueWindow = TimeSpan.FromHours(1);

    /// <summary>The furthest ahead the list may look: a day.</summary>
    public const int MaxWindowMinutes = 24 * 60;

    /// <summary>The list's window as the API's query string gives it, in minutes; out of range is a 422 naming the field.</summary>
    public static TimeSpan WindowFromQuery(int? withinMinutes) => withinMinutes switch
    {
        null => DueWindow,
        { } minutes when minutes is >= 0 and <= MaxWindowMinutes => TimeSpan.FromMinutes(minutes),
        _ => throw RuleViolationException.For("withinMinutes", IncidentText.Get("Promise.Window", MaxWindowMinutes)),
    };

    /// <summary>An incident's promises, by when they are due.</summary>
    public async Task<IReadOnlyList<IncidentPromiseDto>> ForIncidentAsync(SiteCall call, Guid incidentId)
    {
        call.Demand(Permission.RaiseIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var incident = await db.Incidents.AsNoTracking().FindAtSiteAsync(call, incidentId, IncidentText.Get("Entity.Incident"));
        var promises = await db.IncidentPromises.AsNoTracking()
            .Where(p => p.IncidentId == incidentId)
            .OrderBy(p => p.DueAt)
            .ToListAsync(call.Cancellation);
        return promises.Select(p => p.ToDto(incident.UnitNumber, incident.Kind)).ToList();
    }

    /// <summary>
    /// The promises not yet kept that are due within <paramref name="within"/> from now, or already overdue, soonest
    /// first: the desk sees them as they near their time.
    /// </summary>
    public async Task<IReadOnlyList<IncidentPromiseDto>> DueAsync(SiteCall call, TimeSpan within)
    {
        call.Demand(Permission.RaiseIncidents);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var until = clock.GetUtcNow().UtcDateTime + within;
        var due = await db.IncidentPromises.AsNoTracking()
            .Where(p => p.SiteId == call.SiteId && (p.State == PromiseState.Pending || p.State == PromiseState.Overdue) && p.DueAt <= until)
            .Join(db.Incidents.AsNoTracking(), p => p.IncidentId, i => i.Id, (p, i) => new { Promise = p, i.UnitNumber, i.Kind })
            .OrderBy(d => d.Promise.DueAt)
            .ToListAsync(call.Cancellation);
        return due.Select(d => d.Promise.ToDto(d.UnitNumber, d.Kind)).ToList();
    }
}
