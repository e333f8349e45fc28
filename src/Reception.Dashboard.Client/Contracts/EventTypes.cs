namespace Reception.Dashboard.Client.Contracts;

/// <summary>The values of <see cref="BoardEvent.Type"/>, each with its data record.</summary>
public static class EventTypes
{
    /// <summary>Data: <see cref="SiteChanged"/>.</summary>
    public const string SiteCreated = "site.created";
    /// <summary>Data: <see cref="SiteChanged"/>.</summary>
    public const string SiteUpdated = "site.updated";
    /// <summary>Data: <see cref="PostChanged"/>.</summary>
    public const string PostCreated = "post.created";
    /// <summary>Data: <see cref="PostChanged"/>.</summary>
    public const string PostUpdated = "post.updated";
    /// <summary>Data: <see cref="PostChanged"/>.</summary>
    public const string PostArchived = "post.archived";
    /// <summary>Data: <see cref="PostChanged"/>.</summary>
    public const string PostRestored = "post.restored";
    /// <summary>Data: <see cref="ShiftChanged"/>.</summary>
    public const string ShiftCreated = "shift.created";
    /// <summary>Data: <see cref="ShiftChanged"/>.</summary>
    public const string ShiftUpdated = "shift.updated";
    /// <summary>Data: <see cref="DepartmentChanged"/>.</summary>
    public const string DepartmentCreated = "department.created";
    /// <summary>Data: <see cref="DepartmentChanged"/>.</summary>
    public const string DepartmentUpdated = "department.updated";
    /// <summary>Data: <see cref="StaffChanged"/>.</summary>
    public const string StaffCreated = "staff.created";
    /// <summary>Data: <see cref="StaffChanged"/>.</summary>
    public const string StaffUpdated = "staff.updated";
    /// <summary>Data: <see cref="RoleChanged"/>.</summary>
    public const string RoleGranted = "role.granted";
    /// <summary>Data: <see cref="RoleChanged"/>.</summary>
    public const string RoleRevoked = "role.revoked";
    /// <summary>Data: <see cref="RosterChanged"/>.</summary>
    public const string RosterChanged = "roster.changed";
    /// <summary>Data: <see cref="UnitsImported"/>.</summary>
    public const string UnitsImported = "units.imported";
    /// <summary>Data: <see cref="VisitChanged"/>.</summary>
    public const string VisitAnnounced = "visit.announced";
    /// <summary>Data: <see cref="VisitChanged"/>; every deadline moved with the arrival.</summary>
    public const string VisitRescheduled = "visit.rescheduled";
    /// <summary>Data: <see cref="VisitChanged"/>.</summary>
    public const string VisitCancelled = "visit.cancelled";
    /// <summary>Data: <see cref="VisitChanged"/>.</summary>
    public const string VisitArrived = "visit.arrived";
    /// <summary>Data: <see cref="VisitChanged"/>; an arrival marked by mistake was taken back, and the visit is planned again.</summary>
    public const string VisitArrivalUndone = "visit.arrival-undone";
    /// <summary>Data: <see cref="VisitChanged"/>.</summary>
    public const string VisitEnded = "visit.ended";
    /// <summary>Data: <see cref="VisitPlanChanged"/>.</summary>
    public const string VisitPlanChanged = "visit.plan-changed";
    /// <summary>Data: <see cref="ChecklistItemChanged"/>.</summary>
    public const string ItemTicked = "visit.item-ticked";
    /// <summary>Data: <see cref="ChecklistItemChanged"/>.</summary>
    public const string ItemUndone = "visit.item-undone";
    /// <summary>Data: <see cref="ChecklistItemChanged"/>; raised once per deadline: by the scheduler, or by an undo after the deadline passed.</summary>
    public const string ItemLate = "visit.item-late";
    /// <summary>Data: <see cref="PostProblemChanged"/>.</summary>
    public const string PostBlocked = "visit.post-blocked";
    /// <summary>Data: <see cref="PostProblemChanged"/>.</summary>
    public const string PostUnblocked = "visit.post-unblocked";
    /// <summary>Data: <see cref="PostReadinessChanged"/>.</summary>
    public const string PostReadiness = "visit.post-readiness";
    /// <summary>Data: <see cref="VisitDeadlineReached"/>; 30 minutes before the arrival.</summary>
    public const string ReadyByReached = "visit.t30-reached";
    /// <summary>Data: <see cref="VisitDeadlineReached"/>; the expected arrival time came.</summary>
    public const string ArrivalDue = "visit.arrival-due";
    /// <summary>Data: <see cref="ReadinessReported"/>.</summary>
    public const string ReportComposed = "visit.report-composed";
    /// <summary>Data: <see cref="ReadinessReported"/>.</summary>
    public const string ReportAcknowledged = "visit.report-acknowledged";
    /// <summary>Data: <see cref="OrderChanged"/>.</summary>
    public const string OrderSent = "visit.order-sent";
    /// <summary>Data: <see cref="OrderChanged"/>.</summary>
    public const string OrderAcknowledged = "visit.order-acknowledged";
    /// <summary>Data: <see cref="OrderChanged"/>; raised once, by the scheduler, when posts have not acknowledged in time.</summary>
    public const string OrderOverdue = "visit.order-overdue";
    /// <summary>Data: <see cref="PresenceChanged"/>.</summary>
    public const string PresenceChanged = "visit.presence-changed";
    /// <summary>Data: <see cref="ViolationChanged"/>.</summary>
    public const string ViolationReported = "visit.violation-reported";
    /// <summary>Data: <see cref="ViolationChanged"/>.</summary>
    public const string ViolationCleared = "visit.violation-cleared";
    /// <summary>Data: <see cref="NoticeChanged"/>.</summary>
    public const string NoticeSent = "visit.notice-sent";
    /// <summary>Data: <see cref="NoticeChanged"/>.</summary>
    public const string NoticeDone = "visit.notice-done";
    /// <summary>Data: <see cref="NoticeChanged"/>; the visit moved, so a new notice follows before the new arrival.</summary>
    public const string NoticeWithdrawn = "visit.notice-withdrawn";
    /// <summary>Data: <see cref="DeliveryChanged"/>.</summary>
    public const string DeliveryChanged = "outbound.delivery-changed";
    /// <summary>Data: <see cref="ChecklistTemplateChanged"/>.</summary>
    public const string ChecklistTemplateChanged = "checklist.template-changed";
    /// <summary>Data: <see cref="DeviceChanged"/>; a foreman issued a phone's one-time enrolment code.</summary>
    public const string DeviceEnrolmentIssued = "device.enrolment-issued";
    /// <summary>Data: <see cref="DeviceChanged"/>; the phone redeemed its enrolment code.</summary>
    public const string DeviceEnrolled = "device.enrolled";
    /// <summary>Data: <see cref="DeviceChanged"/>; a manager approved a wall screen's pairing code.</summary>
    public const string DeviceScreenPaired = "device.screen-paired";
    /// <summary>Data: <see cref="DeviceChanged"/>; the phone or screen no longer works.</summary>
    public const string DeviceRevoked = "device.revoked";

    /// <summary>Every device event: the devices page follows them, and activity feeds leave them out.</summary>
    public static readonly IReadOnlySet<string> DeviceEvents = new HashSet<string> { DeviceEnrolmentIssued, DeviceEnrolled, DeviceScreenPaired, DeviceRevoked };

    /// <summary>Data: <see cref="IncidentChanged"/>; the desk or the command center raised a lobby incident.</summary>
    public const string IncidentRaised = "incident.raised";
    /// <summary>Data: <see cref="IncidentChanged"/>; sent to a department, or on to another.</summary>
    public const string IncidentForwarded = "incident.forwarded";
    /// <summary>Data: <see cref="IncidentChanged"/>; the department took it.</summary>
    public const string IncidentTaken = "incident.taken";
    /// <summary>Data: <see cref="IncidentChanged"/>; solved, by the desk or by the department.</summary>
    public const string IncidentResolved = "incident.resolved";
    /// <summary>Data: <see cref="IncidentChanged"/>; the desk told the person and closed it.</summary>
    public const string IncidentClosed = "incident.closed";
    /// <summary>Data: <see cref="IncidentChanged"/>; open again, with a reason.</summary>
    public const string IncidentReopened = "incident.reopened";
    /// <summary>Data: <see cref="IncidentEscalationChanged"/>; sent up to someone on duty, by the desk or by a time limit.</summary>
    public const string IncidentEscalated = "incident.escalated";
    /// <summary>Data: <see cref="IncidentEscalationChanged"/>; its addressee (or a supervisor or manager) acknowledged it.</summary>
    public const string EscalationAcknowledged = "incident.escalation-acknowledged";
    /// <summary>Data: <see cref="IncidentPromiseChanged"/>; the desk promised to reply by a time (desk §4.3).</summary>
    public const string PromiseMade = "incident.promise-made";
    /// <summary>Data: <see cref="IncidentPromiseChanged"/>; kept.</summary>
    public const string PromiseKept = "incident.promise-kept";
    /// <summary>Data: <see cref="IncidentPromiseChanged"/>; its time passed unkept.</summary>
    public const string PromiseOverdue = "incident.promise-overdue";
    /// <summary>Data: <see cref="IncidentPromiseChanged"/>; never kept.</summary>
    public const string PromiseBroken = "incident.promise-broken";
    /// <summary>Data: none beyond the site; the site's incident time limits changed.</summary>
    public const string IncidentLimitsChanged = "incident.limits-changed";

    /// <summary>Every incident event: the desk, the board and the department queue follow them.</summary>
    public static readonly IReadOnlySet<string> IncidentEvents = new HashSet<string>
    {
        IncidentRaised, IncidentForwarded, IncidentTaken, IncidentResolved, IncidentClosed, IncidentReopened,
        IncidentEscalated, EscalationAcknowledged, PromiseMade, PromiseKept, PromiseOverdue, PromiseBroken, IncidentLimitsChanged,
    };
}

/// <summary>A site's settings changed.</summary>
public sealed record SiteChanged(Guid SiteId, string Name, string TimeZoneId, long Version);

/// <summary>A post was created, changed, archived or restored.</summary>
public sealed record PostChanged(Guid PostId, string Name, PostKind Kind, string? Location, int RouteOrder, bool Archived, long Version);

/// <summary>A shift was created or changed.</summary>
public sealed record ShiftChanged(Guid ShiftId, ShiftKind Kind, TimeOnly Start, TimeOnly End, long Version);

/// <summary>A department was created or changed.</summary>
public sealed record DepartmentChanged(Guid DepartmentId, string Name, long Version);

/// <summary>A staff record was created or changed. Carries no name or phone number: read those through the API.</summary>
public sealed record StaffChanged(Guid StaffId, Guid? DepartmentId, Guid? PostId, Guid? ShiftId, Guid? UserId, bool Active, long Version);

/// <summary>A user was given, or lost, a role at the site.</summary>
public sealed record RoleChanged(Guid UserId, SiteRole Role);
