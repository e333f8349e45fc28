namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// Which incidents a caller sees and handles, and whose person they may read (desk §2.8). Who works the desk
/// (<see cref="Permission.RaiseIncidents"/>) sees every incident at the site; anyone else (a Department) only those
/// forwarded to the department of their active staff record at the site, and reads the person on those alone.
/// </summary>
public sealed class IncidentScope
{
    private readonly bool _wholeSite;
    private readonly Guid? _department;
    private readonly bool _seesEveryPerson;
    private readonly IReadOnlySet<Guid> _escalatedToCaller;

    private IncidentScope(bool wholeSite, Guid? department, bool seesEveryPerson, IReadOnlySet<Guid> escalatedToCaller) =>
        (_wholeSite, _department, _seesEveryPerson, _escalatedToCaller) = (wholeSite, department, seesEveryPerson, escalatedToCaller);

    public static async Task<IncidentScope> OfAsync(ReceptionDbContext db, SiteCall call)
    {
        var seesEveryPerson = call.Allows(Permission.SeeIncidentPeople);
        var escalatedToCaller = seesEveryPerson ? new HashSet<Guid>() : await EscalatedToAsync(db, call);
        if (call.Allows(Permission.RaiseIncidents))
        {
            return new IncidentScope(wholeSite: true, null, seesEveryPerson, escalatedToCaller);
        }

        var userId = call.User.UserId();
        var department = userId is null
            ? null
            : await db.Staff.AsNoTracking()
                .Where(s => s.SiteId == call.SiteId && s.UserId == userId && s.Active)
                .Select(s => s.DepartmentId)
                .FirstOrDefaultAsync(call.Cancellation);
        return new IncidentScope(wholeSite: false, department, seesEveryPerson, escalatedToCaller);
    }

    /// <summary>The incidents escalated to the caller: the shift lead it went to reads its person too (desk §2.8).</summary>
    private static async Task<IReadOnlySet<Guid>> EscalatedToAsync(ReceptionDbContext db, SiteCall call)
    {
        if (call.User.UserId() is not { } userId)
        {
            return new HashSet<Guid>();
        }

        var token = IncidentEscalation.IdToken(userId);
        var incidentIds = await db.IncidentEscalations.AsNoTracking()
            .Where(e => e.SiteId == call.SiteId && e.AddresseeIds.Contains(token))
            .Select(e => e.IncidentId)
            .ToListAsync(call.Cancellation);
        return incidentIds.ToHashSet();
    }

    /// <summary>The incidents of the site the caller sees; none for a Department whose account has no department.</summary>
    public IQueryable<Incident> Filter(IQueryable<Incident> incidents) =>
        _wholeSite ? incidents
        : _department is { } department ? incidents.Where(i => i.DepartmentId == department && i.State != IncidentState.Open)
        : incidents.Where(i => false);

    /// <summary>Refuses (403) an incident the caller does not see, saying why.</summary>
    public void EnsureCovers(Incident incident)
    {
        if (_wholeSite)
        {
            return;
        }

        if (_department is null)
        {
            throw new ForbiddenException(IncidentText.Get("NoDepartment"));
        }

        // Reopened, it is the desk's again until it forwards it anew: the department it went to before lets go.
        if (incident.DepartmentId != _department || incident.State == IncidentState.Open)
        {
            throw new ForbiddenException(IncidentText.Get("NotYourDepartment"));
        }
    }

    /// <summary>
    /// Whether the caller reads the incident's person: the desk and those above it, the shift lead it was escalated
    /// to, and the department it was forwarded to.
    /// </summary>
    public bool SeesPersonOf(Incident incident) =>
        _seesEveryPerson || _escalatedToCaller.Contains(incident.Id) || (!_wholeSite && _department is { } department && incident.DepartmentId == department && incident.State != IncidentState.Open);

    /// <summary>The called site's incident, if the caller sees it: 404 for an unknown one, 403 for one outside their scope.</summary>
    public async Task<Incident> FindAsync(IQueryable<Incident> incidents, SiteCall call, Guid incidentId)
    {
        var incident = await incidents.FindAtSiteAsync(call, incidentId, IncidentText.Get("Entity.Incident"));
        EnsureCovers(incident);
        return incident;
    }
}
