namespace Reception.Dashboard.Client.Contracts;

/// <summary>Why an incident went up to someone on duty (desk §2.7, §2.9), or went up by itself on a time limit.</summary>
public enum EscalationReason
{
    /// <summary>The desk cannot solve a complaint: to the desk's shift lead, else the supervisor on duty (desk §2.7).</summary>
    ShiftLead = 1,
    /// <summary>
    /// Sent up by the desk to the supervisor on duty, else the managers: a lobby situation it cannot handle (客服主管或经理,
    /// desk §2.9), and a repair, help request or other, kinds with no named addressee.
    /// </summary>
    Supervisor,
    /// <summary>Not forwarded within the site's time limit for its kind and priority.</summary>
    NotForwardedInTime,
    /// <summary>Not resolved within the site's time limit for its kind and priority.</summary>
    NotResolvedInTime,
}

/// <summary>One escalation of an incident: to whom, why, and whether it was acknowledged (which stops the board's sound).</summary>
/// <param name="Id">The escalation.</param>
/// <param name="IncidentId">The incident it is about.</param>
/// <param name="Reason">Why it went up.</param>
/// <param name="Duty">The duty it went to: "shiftLead", "supervisor" or "manager".</param>
/// <param name="Addressees">Display names of the people it went to: those rostered for the duty now, else every holder of the role at the site.</param>
/// <param name="At">When it went up (UTC).</param>
/// <param name="AcknowledgedAt">When someone acknowledged it (UTC), or null while it is open.</param>
/// <param name="AcknowledgedBy">Who acknowledged it (display name), or null.</param>
public sealed record IncidentEscalationDto(
    Guid Id,
    Guid IncidentId,
    EscalationReason Reason,
    string Duty,
    IReadOnlyList<string> Addressees,
    DateTime At,
    DateTime? AcknowledgedAt,
    string? AcknowledgedBy);

/// <summary>Sends an incident up at once, by one action: to whom follows from its kind (desk §2.7, §2.9).</summary>
public sealed record EscalateIncident(long Version);

/// <summary>An escalation in the inbox, with its incident as the caller may see it.</summary>
/// <param name="Escalation">The escalation.</param>
/// <param name="Incident">Its incident, with the person only for those who may read it (desk §2.8).</param>
/// <param name="MayAcknowledge">Whether the caller may acknowledge it: a person it went to, or any Supervisor, Manager or Admin.</param>
public sealed record EscalationInboxItemDto(IncidentEscalationDto Escalation, IncidentDto Incident, bool MayAcknowledge = false);

/// <summary>A site's time limits for one kind and priority of incident, in minutes from when it was raised.</summary>
public sealed record IncidentTimeLimitDto(IncidentKind Kind, IncidentPriority Priority, int ForwardWithinMinutes, int ResolveWithinMinutes);

/// <summary>Sets the site's incident time limits; every kind and priority named once.</summary>
public sealed record SetIncidentTimeLimits(IReadOnlyList<IncidentTimeLimitDto>? Limits);

/// <summary>Where a promise to reply later stands (desk §4.3).</summary>
public enum PromiseState
{
    /// <summary>Not yet due, or due soon.</summary>
    Pending = 1,
    /// <summary>Its time passed without it being kept: an alert.</summary>
    Overdue,
    /// <summary>Kept.</summary>
    Kept,
    /// <summary>Never kept: the incident was closed, or it was marked broken.</summary>
    Broken,
}

/// <summary>What the desk promised a person and by when (desk §4.3).</summary>
/// <param name="Id">The promise.</param>
/// <param name="IncidentId">The incident it was made on.</param>
/// <param name="What">What was promised.</param>
/// <param name="DueAt">By when (UTC).</param>
/// <param name="State">Where it stands.</param>
/// <param name="MadeAt">When it was made (UTC).</param>
/// <param name="KeptAt">When it was kept (UTC), or null.</param>
/// <param name="UnitNumber">The unit of the incident it was made on, if any: the desk's list of promises due says which incident.</param>
/// <param name="Kind">The kind of that incident.</param>
public sealed record IncidentPromiseDto(
    Guid Id, Guid IncidentId, string What, DateTime DueAt, PromiseState State, DateTime MadeAt, DateTime? KeptAt, string? UnitNumber, IncidentKind Kind);

/// <summary>Makes a promise on an incident; <paramref name="DueAt"/> must be in the future.</summary>
public sealed record MakePromise(string? What, DateTime? DueAt);

/// <summary>The front desk's figures for the wall: counts and an age only, never a name (desk §2.8).</summary>
/// <param name="Open">Incidents not resolved or closed.</param>
/// <param name="Overdue">Open incidents past a time limit, and promises past their time.</param>
/// <param name="Escalated">Open incidents with an escalation not yet acknowledged.</param>
/// <param name="OldestOpenSince">When the oldest open incident was raised (UTC), or null when none is open.</param>
public sealed record FrontDeskFiguresDto(int Open, int Overdue, int Escalated, DateTime? OldestOpenSince);

/// <summary>Data of the escalation events: ids and reason only.</summary>
public sealed record IncidentEscalationChanged(Guid IncidentId, Guid EscalationId, EscalationReason Reason, string Duty, bool Acknowledged);

/// <summary>Data of the promise events: ids, due time and state only.</summary>
public sealed record IncidentPromiseChanged(Guid IncidentId, Guid PromiseId, DateTime DueAt, PromiseState State);
