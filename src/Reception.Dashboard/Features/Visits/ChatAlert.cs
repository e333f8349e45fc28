using static Reception.Dashboard.Features.Visits.VisitText;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// What the duty chat's webhook receives: one line in Chinese, the staff's language, and one in English,
/// with the kind of alert for receivers that format their own. The lines are <c>Chat.*</c> in the visit texts.
/// </summary>
public sealed record ChatAlert(string Kind, string Visit, string Text, string TextEn)
{
    public static ChatAlert Late(string visit, string post, string itemsZh, string itemsEn) =>
        new("item-late", visit, In(Chinese, "Chat.Late", visit, post, itemsZh), In(English, "Chat.Late", visit, post, itemsEn));

    public static ChatAlert Blocked(string visit, string post, string reason) =>
        Both("post-blocked", visit, "Chat.Blocked", visit, post, reason);

    public static ChatAlert OrderOverdue(string visit, string order, IEnumerable<string> posts)
    {
        var silent = posts.ToList();
        return new("order-unacknowledged", visit,
            In(Chinese, "Chat.OrderOverdue", visit, order, string.Join(In(Chinese, "Separator"), silent)),
            In(English, "Chat.OrderOverdue", visit, order, string.Join(In(English, "Separator"), silent)));
    }

    public static ChatAlert Empty(string visit, string post) =>
        Both("post-empty", visit, "Chat.Empty", visit, post);

    public static ChatAlert Violation(string visit, string where, string what) =>
        Both("violation", visit, "Chat.Violation", visit, where, what);

    /// <summary>The engineering webhook's message when a visit it was told about moves: a new notice follows 30 minutes ahead.</summary>
    public static ChatAlert WaterFeaturesMoved(string visit, DateTime arrivalLocal) =>
        Both("water-features-moved", visit, "Chat.WaterFeaturesMoved", visit, arrivalLocal);

    /// <summary>The engineering webhook's message when a visit it was told about is cancelled.</summary>
    public static ChatAlert WaterFeaturesCancelled(string visit) =>
        Both("water-features-cancelled", visit, "Chat.WaterFeaturesCancelled", visit);

    /// <summary>The engineering webhook's message (§4.5.3).</summary>
    public static ChatAlert WaterFeatures(string visit, DateTime arrivalLocal) =>
        Both("water-features", visit, "Chat.WaterFeatures", arrivalLocal, visit);

    private static ChatAlert Both(string kind, string visit, string key, params object?[] args) =>
        new(kind, visit, In(Chinese, key, args), In(English, key, args));
}
