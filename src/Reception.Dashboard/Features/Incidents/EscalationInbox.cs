namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// The supervisor's inbox: escalations, newest first, each with its incident. Supervisors, managers and admins read
/// every escalation at the site; anyone else only those that went to them, such as the desk's shift lead, who then
/// reads the incident's person too (desk §2.8). Open ones only unless asked: not yet acknowledged.
/// </summary>
public sealed class EscalationInbox(IDbContextFactory<ReceptionDbContext> dbFactory)
{
    /// <summary>The most an inbox answers: open ones are a handful; history beyond this is the incidents' own.</summary>
    public const int Limit = 200;

    public async Task<IReadOnlyList<EscalationInboxItemDto>> ListAsync(SiteCall call, bool openOnly = true)
    {
        call.Demand(Permission.ViewBoard);
        var ct = call.Cancellation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(call.SiteId, ct);
        var escalations = db.IncidentEscalations.AsNoTracking().Where(e => e.SiteId == call.SiteId);
        var anyone = call.Allows(Permission.AcknowledgeEscalations);
        var me = call.User.UserId();
        if (!anyone)
        {
            // A wall screen has no account an escalation could go to.
            var token = me is { } userId
                ? IncidentEscalation.IdToken(userId)
                : throw new ForbiddenException(IncidentText.Get("EscalationRefusal.InboxForPeople"));
            escalations = escalations.Where(e => e.AddresseeIds.Contains(token));
        }

        if (openOnly)
        {
            escalations = escalations.Where(e => e.AcknowledgedAt == null);
        }

        var found = await escalations.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Limit).ToListAsync(ct);
        var incidentIds = found.Select(e => e.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.SiteId == call.SiteId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var scope = await IncidentScope.OfAsync(db, call);
        return found.Select(e =>
        {
            var incident = incidents[e.IncidentId];
            var department = incident.DepartmentId is { } id ? departments.GetValueOrDefault(id) : null;
            // EscalationAcknowledging's rule, so the inbox offers the button only where acknowledging is taken.
            var mayAcknowledge = anyone || (me is { } mine && e.IsAddressedTo(mine));
            return new EscalationInboxItemDto(e.ToDto(), IncidentMapping.ToDto(incident, department, scope.SeesPersonOf(incident)), mayAcknowledge);
        }).ToList();
    }
}
