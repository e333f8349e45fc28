namespace Reception.Dashboard.Client.Contracts;

/// <summary>A visit's stored lifecycle. "Preparing" and "ready" are derived, see <see cref="VisitPhase"/>.</summary>
public enum VisitStatus
{
    /// <summary>Announced; posts are preparing for the arrival.</summary>
    Planned = 1,
    /// <summary>The visitors have arrived.</summary>
    InProgress,
    /// <summary>The visit is over.</summary>
    Ended,
    /// <summary>Called off before the arrival.</summary>
    Cancelled,
}

/// <summary>Where a visit stands, as the board shows it: the stored status, with "planned" split by readiness.</summary>
public enum VisitPhase
{
    /// <summary>Planned, and some post is not ready or the foreman's report is not acknowledged.</summary>
    Preparing = 1,
    /// <summary>Planned, every post ready and the foreman's report acknowledged.</summary>
    Ready,
    /// <summary>The visitors have arrived.</summary>
    InProgress,
    /// <summary>The visit is over.</summary>
    Ended,
    /// <summary>Called off.</summary>
    Cancelled,
}

/// <summary>A post's readiness for a visit, derived from its checklist, the clock and any reported problem.</summary>
public enum ReadinessState
{
    /// <summary>Items still open, none past its deadline.</summary>
    Pending = 1,
    /// <summary>Every item done.</summary>
    Ready,
    /// <summary>An item is not done by its deadline.</summary>
    Late,
    /// <summary>A guard reported a problem that stops the post being ready.</summary>
    Blocked,
}

/// <summary>One checklist item's state.</summary>
public enum ItemState
{
    /// <summary>Not done yet; its deadline has not passed.</summary>
    Open = 1,
    /// <summary>Done.</summary>
    Done,
    /// <summary>Not done, and its deadline has passed.</summary>
    Late,
}

/// <summary>Announces a visit.</summary>
/// <param name="Title">What the visit is, as the board shows it.</param>
/// <param name="Level">1, 2 or 3 (§4.1.1–4.1.3).</param>
/// <param name="Arrival">Expected arrival. Without an offset it is read in the site's time zone.</param>
/// <param name="Route">The designated reception route: post ids in the order the visitors pass them.</param>
/// <param name="Host">Who receives the visitors.</param>
/// <param name="Notes">Anything else the posts should know.</param>
/// <param name="Posts">The staffing plan as confirmed; null takes the plan the level gives (<c>GET …/visits/plan</c>).</param>
public sealed record AnnounceVisit(
    string? Title,
    int Level,
    DateTime? Arrival,
    IReadOnlyList<Guid>? Route,
    string? Host = null,
    string? Notes = null,
    IReadOnlyList<PlannedPostRequest>? Posts = null);

/// <summary>One post of a confirmed staffing plan and the staff named for it.</summary>
public sealed record PlannedPostRequest(Guid PostId, IReadOnlyList<Guid>? StaffIds = null);

/// <summary>Moves the expected arrival; every deadline moves with it.</summary>
public sealed record RescheduleVisit(DateTime? Arrival);

/// <summary>Calls a visit off.</summary>
public sealed record CancelVisit(string? Reason);

/// <summary>Adds a post to a visit's staffing plan.</summary>
public sealed record AddVisitPost(Guid PostId, IReadOnlyList<Guid>? StaffIds = null);

/// <summary>Names the staff at one post of a visit.</summary>
public sealed record AssignVisitStaff(IReadOnlyList<Guid>? StaffIds);

/// <summary>A guard reports a problem at their post; the post shows as blocked until it is cleared.</summary>
public sealed record ReportPostProblem(string? Reason);

/// <summary>The staffing plan a level gives (§4.3.1.1–4.3.1.3), for confirmation before announcing.</summary>
public sealed record StaffingPlanDto(int Level, DateTime Arrival, ShiftKind? ShiftOnDuty, IReadOnlyList<PlannedPostDto> Posts);

/// <summary>One post of a staffing plan: whether it is on the route, and who is to be there.</summary>
public sealed record PlannedPostDto(Guid PostId, string Name, PostKind Kind, bool OnRoute, IReadOnlyList<PlannedStaffDto> Staff);

/// <summary>A person in a plan. <paramref name="CalledIn"/>: off duty at the arrival, so due at the post by T-30 (§4.5.4).</summary>
public sealed record PlannedStaffDto(Guid StaffId, ShiftKind? Shift, bool CalledIn);

/// <summary>A visit as lists and the wall show it, with its readiness figures.</summary>
public sealed record VisitDto(
    Guid Id,
    Guid SiteId,
    string Title,
    int Level,
    DateTime Arrival,
    DateTime ReadyBy,
    string? Host,
    string? Notes,
    VisitStatus Status,
    VisitPhase Phase,
    bool ShortNotice,
    DateTime AnnouncedAt,
    DateTime? RescheduledAt,
    string? CancelReason,
    DateTime? ArrivedAt,
    DateTime? EndedAt,
    VisitFigures Figures,
    ReadinessReportDto? Report,
    long Version);

/// <summary>How many of a visit's posts are in each state.</summary>
public sealed record VisitFigures(int Posts, int Ready, int Pending, int Late, int Blocked, int OpenItems);

/// <summary>A visit with every post's checklist, its orders, violations on the grounds and notices to other departments.</summary>
public sealed record VisitDetailDto(
    VisitDto Visit,
    IReadOnlyList<VisitPostDto> Posts,
    IReadOnlyList<VisitOrderDto> Orders,
    IReadOnlyList<ViolationDto> Violations,
    IReadOnlyList<VisitNoticeDto> Notices);

/// <summary>One post taking part in a visit. Staff are ids only: names are for those who may see staff records.</summary>
public sealed record VisitPostDto(
    Guid PostId,
    string Name,
    PostKind Kind,
    bool OnRoute,
    int RouteOrder,
    ReadinessState State,
    string? Problem,
    DateTime? ProblemAt,
    PostPresence Presence,
    string? LeaveReason,
    IReadOnlyList<PlannedStaffDto> Staff,
    IReadOnlyList<ChecklistItemDto> Items);

/// <summary>
/// One checklist item of one post. <paramref name="DueNow"/>: the visit was announced or moved too late for
/// the item's deadline, so it is due at once and counts as late only if still open at the arrival.
/// <paramref name="DoneBy"/> is who ticked it, as "kind:id" of the event's actor.
/// </summary>
public sealed record ChecklistItemDto(
    Guid Id,
    string Key,
    string Rule,
    string Text,
    DateTime DueAt,
    bool DueNow,
    ItemState State,
    DateTime? DoneAt,
    string? DoneBy,
    string? DoneByRole,
    bool DoneOnBehalf);

/// <summary>The foreman's readiness report (§4.4.3), composed in one action, acknowledged by the manager.</summary>
public sealed record ReadinessReportDto(
    DateTime ComposedAt,
    int Posts,
    int Ready,
    int Late,
    int Blocked,
    int Pending,
    IReadOnlyList<string> Problems,
    DateTime? AcknowledgedAt);

/// <summary>One checklist item of a site's template: where it applies, and how long before the arrival it is due.</summary>
/// <param name="Key">Stable name, unique within the site's template.</param>
/// <param name="Rule">The customer's rule it comes from, such as "§4.5.5".</param>
/// <param name="TextZh">The item in Chinese.</param>
/// <param name="TextEn">The item in English.</param>
/// <param name="PostKinds">The kinds of post that carry it.</param>
/// <param name="Levels">The visit levels it applies to (1–3).</param>
/// <param name="MinutesBefore">Required: due this many minutes before the arrival (0 = at the arrival).</param>
public sealed record ChecklistTemplateItemDto(
    string? Key,
    string? Rule,
    string? TextZh,
    string? TextEn,
    IReadOnlyList<PostKind>? PostKinds,
    IReadOnlyList<int>? Levels,
    int? MinutesBefore);

/// <summary>Replaces a site's checklist template. Visits announced before keep the items they were given.</summary>
public sealed record SetChecklistTemplate(IReadOnlyList<ChecklistTemplateItemDto>? Items);

/// <summary>One line of a visit's archive (§4.2.3): what happened, when, at which post if any, and who did it.</summary>
public sealed record VisitTimelineEntry(long Seq, DateTime At, string Type, string What, Guid? PostId, string? Actor, string? ActorRole);

/// <summary>
/// A visit was announced, moved, cancelled, arrived or ended. <paramref name="PreviousArrival"/>: for a move, the
/// arrival it had before; null for other changes and for moves recorded before it was kept.
/// </summary>
public sealed record VisitChanged(Guid VisitId, string Title, int Level, DateTime Arrival, VisitStatus Status, bool ShortNotice, long Version, DateTime? PreviousArrival = null);

/// <summary>Posts or staff of a visit's plan changed.</summary>
public sealed record VisitPlanChanged(Guid VisitId, Guid PostId, bool InPlan, int Staff);

/// <summary>A checklist item was ticked, undone, or passed its deadline open.</summary>
public sealed record ChecklistItemChanged(Guid VisitId, Guid PostId, Guid ItemId, string Key, ItemState State, bool OnBehalf);

/// <summary>A post reported a problem, or it was cleared. The reason is operational text, not personal data.</summary>
public sealed record PostProblemChanged(Guid VisitId, Guid PostId, string? Problem);

/// <summary>A post's derived readiness changed.</summary>
public sealed record PostReadinessChanged(Guid VisitId, Guid PostId, ReadinessState State);

/// <summary>A visit's deadline came: T-30 or the expected arrival.</summary>
public sealed record VisitDeadlineReached(Guid VisitId, DateTime At);

/// <summary>The foreman's report was composed or acknowledged.</summary>
public sealed record ReadinessReported(Guid VisitId, int Posts, int Ready, int Late, int Blocked, bool Acknowledged);

/// <summary>A site's checklist template was replaced.</summary>
public sealed record ChecklistTemplateChanged(int Items);

/// <summary>Whether a post is manned during a visit (§4.2.1: everyone stays at their post).</summary>
public enum PostPresence
{
    /// <summary>Someone is at the post.</summary>
    Staffed = 1,
    /// <summary>The guard asked to leave; still at the post until a foreman decides.</summary>
    LeaveRequested,
    /// <summary>Nobody is at the post: an alarm during a visit.</summary>
    Empty,
}

/// <summary>What was found on the grounds or the route (§4.2.2, §4.4.4, §4.5.2).</summary>
public enum ViolationKind
{
    /// <summary>A vehicle parked where it must not be.</summary>
    IllegalParking = 1,
    /// <summary>Something blocks the road or the route.</summary>
    Obstruction,
    /// <summary>A person who does not belong on the route.</summary>
    Outsider,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>How an outbound webhook message stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Queued, not tried yet.</summary>
    Pending = 1,
    /// <summary>Tried and failed; it will be tried again.</summary>
    Retrying,
    /// <summary>The receiver accepted it.</summary>
    Delivered,
    /// <summary>Given up after the last attempt.</summary>
    Failed,
}

/// <summary>An order from the command center to some posts, or all (§4.4.2); every post acknowledges it.</summary>
/// <param name="Text">What the posts are to do.</param>
/// <param name="PostIds">The posts it goes to; leave it out with <paramref name="AllPosts"/>.</param>
/// <param name="AllPosts">Sends it to every post of the visit. Required for that: no posts named is not "all".</param>
public sealed record SendOrder(string? Text, IReadOnlyList<Guid>? PostIds = null, bool AllPosts = false);

/// <summary>A post acknowledges an order.</summary>
public sealed record AcknowledgeOrder(Guid PostId);

/// <summary>An order and which of its posts have acknowledged it. <paramref name="Overdue"/>: not all acknowledged within the set time.</summary>
public sealed record VisitOrderDto(Guid Id, string Text, DateTime SentAt, DateTime AcknowledgeBy, bool Overdue, IReadOnlyList<OrderRecipientDto> Posts);

/// <summary>One post an order went to.</summary>
public sealed record OrderRecipientDto(Guid PostId, DateTime? AcknowledgedAt);

/// <summary>A guard asks to leave the post (§4.2.1): a foreman must agree and should name a replacement.</summary>
public sealed record RequestLeave(string? Reason);

/// <summary>A foreman's answer to a leave request (<paramref name="Approve"/> is required); approving without a replacement leaves the post empty.</summary>
public sealed record DecideLeave(bool? Approve, Guid? ReplacementStaffId = null);

/// <summary>Reports who is at the post now: back at the post, or left empty.</summary>
public sealed record SetPresence(PostPresence Presence);

/// <summary>A patrol or post reports a violation on the grounds or the route.</summary>
public sealed record ReportViolation(ViolationKind Kind, string? Description, Guid? PostId = null, string? Location = null);

/// <summary>A violation and whether it has been cleared.</summary>
public sealed record ViolationDto(Guid Id, ViolationKind Kind, string Description, Guid? PostId, string? Location, DateTime ReportedAt, DateTime? ClearedAt);

/// <summary>A notice to another department, such as engineering's fountain (§4.5.3), and its webhook delivery.</summary>
public sealed record VisitNoticeDto(Guid Id, string Kind, DateTime SentAt, DateTime? DoneAt, DeliveryDto? Delivery);

/// <summary>Where an outbound webhook message stands.</summary>
public sealed record DeliveryDto(DeliveryStatus Status, int Attempts, string? LastError, DateTime? DeliveredAt);

/// <summary>An order was sent, acknowledged by a post, or went unacknowledged past its time.</summary>
public sealed record OrderChanged(Guid VisitId, Guid OrderId, Guid? PostId, int Posts, int Acknowledged);

/// <summary>A post's presence changed.</summary>
public sealed record PresenceChanged(Guid VisitId, Guid PostId, PostPresence Presence, bool Replaced);

/// <summary>A violation was reported or cleared.</summary>
public sealed record ViolationChanged(Guid VisitId, Guid ViolationId, ViolationKind Kind, Guid? PostId, bool Cleared);

/// <summary>A notice was sent to a department or marked done by it.</summary>
public sealed record NoticeChanged(Guid VisitId, Guid NoticeId, string Kind, bool Done);

/// <summary>An outbound webhook message was tried.</summary>
public sealed record DeliveryChanged(Guid MessageId, Guid? VisitId, string Channel, DeliveryStatus Status, int Attempts, string? Error);
