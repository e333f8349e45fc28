namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// When an incident's two clocks run out, from the site's limit for its kind and priority: the forward clock while it
/// is open (neither forwarded nor resolved), the resolve clock until it is resolved or closed. Both start when it was
/// raised, and again when it is reopened: a reopened incident gets the whole time again. Null is a clock that no longer
/// runs. The board reads them for the time left; the scheduler fires at them.
/// </summary>
public static class IncidentClocks
{
    public static DateTime? ForwardDueAt(IncidentDto incident, IncidentTimeLimitDto limit) =>
        Forward(incident.State, StartedAt(incident.RaisedAt, incident.ReopenedAt), limit);

    public static DateTime? ResolveDueAt(IncidentDto incident, IncidentTimeLimitDto limit) =>
        Resolve(incident.State, StartedAt(incident.RaisedAt, incident.ReopenedAt), limit);

    internal static DateTime? ForwardDueAt(Incident incident, IncidentTimeLimitDto limit) =>
        Forward(incident.State, StartedAt(incident), limit);

    internal static DateTime? ResolveDueAt(Incident incident, IncidentTimeLimitDto limit) =>
        Resolve(incident.State, StartedAt(incident), limit);

    /// <summary>When the incident's clocks started: when it was raised, or last reopened.</summary>
    internal static DateTime StartedAt(Incident incident) => StartedAt(incident.RaisedAt, incident.ReopenedAt);

    /// <summary>Whether a clock of the incident has run out by <paramref name="now"/>.</summary>
    internal static bool IsOverdue(Incident incident, IncidentTimeLimitDto limit, DateTime now) =>
        IsOverdue(incident.State, incident.RaisedAt, incident.ReopenedAt, limit, now);

    /// <summary>The same from the three columns it reads, for a count that need not load whole incidents.</summary>
    internal static bool IsOverdue(IncidentState state, DateTime raisedAt, DateTime? reopenedAt, IncidentTimeLimitDto limit, DateTime now)
    {
        var startedAt = StartedAt(raisedAt, reopenedAt);
        return Forward(state, startedAt, limit) <= now || Resolve(state, startedAt, limit) <= now;
    }

    private static DateTime StartedAt(DateTime raisedAt, DateTime? reopenedAt) => reopenedAt ?? raisedAt;

    private static DateTime? Forward(IncidentState state, DateTime startedAt, IncidentTimeLimitDto limit) =>
        state == IncidentState.Open ? startedAt.AddMinutes(limit.ForwardWithinMinutes) : null;

    private static DateTime? Resolve(IncidentState state, DateTime startedAt, IncidentTimeLimitDto limit) =>
        state is IncidentState.Resolved or IncidentState.Closed ? null : startedAt.AddMinutes(limit.ResolveWithinMinutes);
}
