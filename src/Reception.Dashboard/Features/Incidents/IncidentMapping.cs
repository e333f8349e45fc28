namespace Reception.Dashboard.Features.Incidents;

/// <summary>An incident as the API and the pages read it, with its person only for those who may read it (desk §2.8).</summary>
public static class IncidentMapping
{
    /// <summary>A unit's number as the desk says it and types it: its building and room, as the desk's unit list shows them.</summary>
    public static string UnitNumber(string building, string room) => $"{building} {room}";

    public static IncidentDto ToDto(Incident incident, string? departmentName, bool showPerson) => new(
        incident.Id,
        incident.SiteId,
        incident.Kind,
        incident.Priority,
        incident.State,
        incident.Text,
        incident.UnitId,
        incident.UnitNumber,
        showPerson ? incident.PersonName : null,
        showPerson ? incident.PersonPhone : null,
        incident.Location,
        incident.DepartmentId,
        departmentName,
        incident.RaisedAt,
        incident.RaisedByName ?? IncidentText.Get("Actor.System"),
        incident.ForwardedAt,
        incident.TakenAt,
        incident.TakenById is null ? null : incident.TakenByName ?? IncidentText.Get("Actor.System"),
        incident.ResolvedAt,
        incident.Resolution,
        incident.ClosedAt,
        incident.ReopenedAt,
        incident.ReopenReason,
        incident.Version);

    /// <summary>One incident as <paramref name="scope"/>'s caller may read it, with its department's name.</summary>
    public static async Task<IncidentDto> ToDtoAsync(ReceptionDbContext db, Incident incident, IncidentScope scope, CancellationToken ct)
    {
        var departmentName = incident.DepartmentId is { } departmentId
            ? await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(ct)
            : null;
        return ToDto(incident, departmentName, scope.SeesPersonOf(incident));
    }
}
