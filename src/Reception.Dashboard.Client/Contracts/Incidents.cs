namespace Reception.Dashboard.Client.Contracts;

/// <summary>What the front desk was told or saw (desk §0.1, §2.7, §2.9).</summary>
public enum IncidentKind
{
    /// <summary>A complaint (投诉).</summary>
    Complaint = 1,
    /// <summary>A repair request (报修).</summary>
    Repair,
    /// <summary>A help request (求助).</summary>
    Help,
    /// <summary>A special situation in the lobby (大堂特殊情况): a dispute, a lost child, a person taken ill…</summary>
    LobbySituation,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>How pressing an incident is.</summary>
public enum IncidentPriority
{
    /// <summary>The default.</summary>
    Normal = 1,
    /// <summary>Stands out on every list and board.</summary>
    Urgent,
}

/// <summary>Where an incident stands.</summary>
public enum IncidentState
{
    /// <summary>Raised at the desk, or reopened; neither solved nor forwarded.</summary>
    Open = 1,
    /// <summary>Forwarded to a department, not yet taken by it.</summary>
    Forwarded,
    /// <summary>Taken by the department it was forwarded to.</summary>
    Taken,
    /// <summary>Solved: by the desk itself, or by the department, which said what it did.</summary>
    Resolved,
    /// <summary>Closed by the desk once the person was told.</summary>
    Closed,
}

/// <summary>A lobby incident as the desk, the board and the department read it.</summary>
/// <param name="Id">The incident.</param>
/// <param name="SiteId">The site it belongs to.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Priority">How pressing it is.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Text">What happened, as the desk typed it.</param>
/// <param name="UnitId">The unit it concerns, if any.</param>
/// <param name="UnitNumber">That unit's building and room, as written when it was raised.</param>
/// <param name="PersonName">The person it concerns; null when none was given or the caller may not read it (desk §2.8).</param>
/// <param name="PersonPhone">Their phone number; null as <paramref name="PersonName"/>.</param>
/// <param name="Location">Where in the lobby.</param>
/// <param name="DepartmentId">The department it was last forwarded to; kept when it is reopened, so it can be forwarded again.</param>
/// <param name="DepartmentName">That department's name.</param>
/// <param name="RaisedAt">When it was raised, in UTC.</param>
/// <param name="RaisedBy">The display name of who raised it.</param>
/// <param name="ForwardedAt">When it was last forwarded, in UTC.</param>
/// <param name="TakenAt">When the department took it, in UTC.</param>
/// <param name="TakenBy">The display name of who took it.</param>
/// <param name="ResolvedAt">When it was resolved, in UTC.</param>
/// <param name="Resolution">What was done; after a reopening, what was done the last time.</param>
/// <param name="ClosedAt">When the desk closed it, in UTC.</param>
/// <param name="ReopenedAt">When it was last reopened, in UTC.</param>
/// <param name="ReopenReason">Why it was last reopened.</param>
/// <param name="Version">Send it back with a move; a move based on an older version is refused with 409 and the current one.</param>
public sealed record IncidentDto(
    Guid Id,
    Guid SiteId,
    IncidentKind Kind,
    IncidentPriority Priority,
    IncidentState State,
    string Text,
    Guid? UnitId,
    string? UnitNumber,
    string? PersonName,
    string? PersonPhone,
    string? Location,
    Guid? DepartmentId,
    string? DepartmentName,
    DateTime RaisedAt,
    string RaisedBy,
    DateTime? ForwardedAt,
    DateTime? TakenAt,
    string? TakenBy,
    DateTime? ResolvedAt,
    string? Resolution,
    DateTime? ClosedAt,
    DateTime? ReopenedAt,
    string? ReopenReason,
    long Version);

/// <summary>Raises an incident at the desk (desk §0.1).</summary>
/// <param name="Kind">Required.</param>
/// <param name="Priority">Null is normal.</param>
/// <param name="Text">Required: what happened, at most 1000 characters; line breaks are kept.</param>
/// <param name="UnitId">A unit of the site, from the unit registry.</param>
/// <param name="PersonName">The person: picked from the unit's owners and tenants, or typed.</param>
/// <param name="PersonPhone">Their phone: digits, spaces and + - ( ), at least 5 digits.</param>
/// <param name="Location">Where in the lobby.</param>
public sealed record RaiseIncident(
    IncidentKind? Kind,
    IncidentPriority? Priority,
    string? Text,
    Guid? UnitId = null,
    string? PersonName = null,
    string? PersonPhone = null,
    string? Location = null);

/// <summary>Forwards an open incident to the department that handles it (desk §0.1, §4.5), or a forwarded one to another.</summary>
public sealed record ForwardIncident(Guid? DepartmentId, long Version);

/// <summary>The department an incident was forwarded to takes it.</summary>
public sealed record TakeIncident(long Version);

/// <summary>
/// Resolves an incident: an open one at the desk (<paramref name="Resolution"/> optional), or one the department
/// took (<paramref name="Resolution"/> required: what was done).
/// </summary>
public sealed record ResolveIncident(string? Resolution, long Version);

/// <summary>The desk closes a resolved incident once it has told the person.</summary>
public sealed record CloseIncident(long Version);

/// <summary>Reopens a resolved or closed incident; <paramref name="Reason"/> is required.</summary>
public sealed record ReopenIncident(string? Reason, long Version);

/// <summary>
/// Which incidents a list holds. <paramref name="From"/> and <paramref name="To"/> are days in the site's time zone,
/// both included, by when the incident was raised; <paramref name="Search"/> looks in the unit number and the text;
/// <paramref name="OpenOnly"/> keeps those not yet resolved; <paramref name="Overdue"/> keeps those not yet resolved
/// whose time to forward or to resolve, by the site's limits for their kind and priority, has run out.
/// </summary>
public sealed record IncidentFilter(
    IncidentState? State = null,
    IncidentKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Search = null,
    bool OpenOnly = false,
    bool Overdue = false);

/// <summary>
/// An incident was raised or moved. Carries no name, phone, text, location or resolution (desk §2.8): the hub
/// stream, the wall and guards' phones hear it; read the rest through the API.
/// </summary>
public sealed record IncidentChanged(
    Guid IncidentId, IncidentKind Kind, IncidentPriority Priority, IncidentState State, string? UnitNumber, Guid? DepartmentId, long Version);
