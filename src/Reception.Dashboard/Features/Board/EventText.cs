using Microsoft.Extensions.Localization;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Board;

/// <summary>One line, in the reader's language, for an event on the board's feed, the wall or a visit's archive.</summary>
public static class EventText
{
    /// <param name="postName">Names the posts that visit events carry only the ids of.</param>
    public static string Describe(IStringLocalizer<Text> T, BoardEvent e, Func<Guid, string?>? postName = null)
    {
        string Post(Guid id) => postName?.Invoke(id) ?? T["Event.APost"];
        return e.Type switch
        {
            EventTypes.PostCreated => T["Event.PostCreated", e.DataAs<PostChanged>().Name],
            EventTypes.PostUpdated => T["Event.PostUpdated", e.DataAs<PostChanged>().Name],
            EventTypes.PostArchived => T["Event.PostArchived", e.DataAs<PostChanged>().Name],
            EventTypes.PostRestored => T["Event.PostRestored", e.DataAs<PostChanged>().Name],
            EventTypes.SiteCreated => T["Event.SiteCreated", e.DataAs<SiteChanged>().Name],
            EventTypes.SiteUpdated => T["Event.SiteUpdated", e.DataAs<SiteChanged>().Name],
            EventTypes.ShiftCreated or EventTypes.ShiftUpdated => T["Event.ShiftChanged"],
            EventTypes.DepartmentCreated or EventTypes.DepartmentUpdated => T["Event.DepartmentChanged", e.DataAs<DepartmentChanged>().Name],
            EventTypes.StaffCreated or EventTypes.StaffUpdated => T["Event.StaffChanged"],
            EventTypes.RoleGranted or EventTypes.RoleRevoked => T["Event.RoleChanged"],
            EventTypes.RosterChanged => T["Event.RosterChanged"],
            EventTypes.UnitsImported => T["Event.UnitsImported"],
            EventTypes.VisitAnnounced or EventTypes.VisitRescheduled or EventTypes.VisitCancelled or EventTypes.VisitArrived or EventTypes.VisitArrivalUndone or EventTypes.VisitEnded =>
                T[$"Event.{e.Type}", e.DataAs<VisitChanged>().Title],
            EventTypes.VisitPlanChanged => T["Event.visit.plan-changed", Post(e.DataAs<VisitPlanChanged>().PostId)],
            EventTypes.ItemTicked or EventTypes.ItemUndone or EventTypes.ItemLate =>
                e.DataAs<ChecklistItemChanged>() is var item
                    ? T[$"Event.{e.Type}", Post(item.PostId), ItemName(T, item.Key)] + (item.OnBehalf ? T["Event.OnBehalf"] : "")
                    : "",
            EventTypes.PostBlocked => T["Event.visit.post-blocked", Post(e.DataAs<PostProblemChanged>().PostId), e.DataAs<PostProblemChanged>().Problem ?? ""],
            EventTypes.PostUnblocked => T["Event.visit.post-unblocked", Post(e.DataAs<PostProblemChanged>().PostId)],
            EventTypes.PostReadiness => T["Event.visit.post-readiness", Post(e.DataAs<PostReadinessChanged>().PostId), T[$"Readiness.{e.DataAs<PostReadinessChanged>().State}"]],
            EventTypes.ReadyByReached or EventTypes.ArrivalDue or EventTypes.ReportComposed or EventTypes.ReportAcknowledged => T[$"Event.{e.Type}"],
            EventTypes.ChecklistTemplateChanged => T["Event.checklist.template-changed"],
            EventTypes.OrderSent => OrderSent(T, e.DataAs<OrderChanged>().Posts),
            EventTypes.OrderAcknowledged => T["Event.visit.order-acknowledged", e.DataAs<OrderChanged>().PostId is { } acked ? Post(acked) : T["Event.APost"]],
            EventTypes.OrderOverdue => T["Event.visit.order-overdue"],
            EventTypes.PresenceChanged => T["Event.visit.presence-changed", Post(e.DataAs<PresenceChanged>().PostId), T[$"Presence.{e.DataAs<PresenceChanged>().Presence}"]],
            EventTypes.ViolationReported or EventTypes.ViolationCleared => T[$"Event.{e.Type}", e.DataAs<ViolationChanged>().PostId is { } at ? Post(at) : ""],
            EventTypes.NoticeSent or EventTypes.NoticeDone or EventTypes.NoticeWithdrawn => T[$"Event.{e.Type}"],
            EventTypes.DeliveryChanged => T["Event.outbound.delivery-changed", T[$"Delivery.{e.DataAs<DeliveryChanged>().Status}"]],
            // A promise's events name no incident kind or unit, only ids (desk §2.8): the line says what happened to it.
            EventTypes.PromiseMade or EventTypes.PromiseKept or EventTypes.PromiseOverdue or EventTypes.PromiseBroken => T[$"Event.{e.Type}"],
            // So do an escalation's, and a change of the time limits carries nothing but the site.
            EventTypes.IncidentEscalated or EventTypes.EscalationAcknowledged or EventTypes.IncidentLimitsChanged => T[$"Event.{e.Type}"],
            _ when EventTypes.IncidentEvents.Contains(e.Type) => Incident(T, e),
            _ => e.Type,
        };
    }

    /// <summary>
    /// Whether the event has a line on an activity feed (the board's, the wall's). Enrolling, pairing
    /// and revoking devices is the devices page's business: it stays off the feeds.
    /// </summary>
    public static bool OnFeed(BoardEvent e) => !EventTypes.DeviceEvents.Contains(e.Type);

    /// <summary>"投诉 · A座 101 已转交": the kind and the unit only, never the person or the text (desk §2.8).</summary>
    private static string Incident(IStringLocalizer<Text> T, BoardEvent e)
    {
        var incident = e.DataAs<IncidentChanged>();
        string kind = T[$"IncidentKind.{incident.Kind}"];
        string what = incident.UnitNumber is { } unit ? T["Event.IncidentAtUnit", kind, unit] : kind;
        string line = T[$"Event.{e.Type}", what];
        return incident.Priority == IncidentPriority.Urgent ? T["Event.IncidentUrgent", line] : line;
    }

    /// <summary>"Order sent to 1 post", "… to 3 posts": English counts its nouns, so one post has words of its own.</summary>
    private static string OrderSent(IStringLocalizer<Text> T, int posts) =>
        posts == 1 ? T["Event.visit.order-sent-one"] : T["Event.visit.order-sent", posts];

    /// <summary>The default items have names in both languages; a site's own items are shown by their key.</summary>
    public static string ItemName(IStringLocalizer<Text> T, string key) => T[$"Item.{key}"] is { ResourceNotFound: false } name ? name : key;
}
