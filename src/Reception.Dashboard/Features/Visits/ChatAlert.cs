namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// What the duty chat's webhook receives: one line in Chinese, the staff's language, and one in English,
/// with the kind of alert for receivers that format their own.
/// </summary>
public sealed record ChatAlert(string Kind, string Visit, string Text, string TextEn)
{
    public static ChatAlert Late(string visit, string post, string itemsZh, string itemsEn) =>
        new("item-late", visit, $"【超时】{visit}：{post}「{itemsZh}」未按时完成", $"[Late] {visit}: {post} has not done \"{itemsEn}\"");

    public static ChatAlert Blocked(string visit, string post, string reason) =>
        new("post-blocked", visit, $"【受阻】{visit}：{post}报告问题：{reason}", $"[Blocked] {visit}: {post} reports: {reason}");

    public static ChatAlert OrderOverdue(string visit, string order, IEnumerable<string> posts) =>
        new("order-unacknowledged", visit, $"【指令未确认】{visit}：「{order}」未确认：{string.Join("、", posts)}", $"[Order unacknowledged] {visit}: \"{order}\" not acknowledged by {string.Join(", ", posts)}");

    public static ChatAlert Empty(string visit, string post) =>
        new("post-empty", visit, $"【空岗】{visit}：{post}无人值守", $"[Post empty] {visit}: nobody at {post}");

    public static ChatAlert Violation(string visit, string where, string what) =>
        new("violation", visit, $"【违章】{visit}：{where} {what}", $"[Violation] {visit}: {where} {what}");

    /// <summary>The engineering webhook's message when a visit it was told about moves: a new notice follows 30 minutes ahead.</summary>
    public static ChatAlert WaterFeaturesMoved(string visit, DateTime arrivalLocal) =>
        new("water-features-moved", visit, $"【工程部】{visit} 改为 {arrivalLocal:HH:mm} 到达，届时将另行通知开启水景", $"[Engineering] {visit} now arrives at {arrivalLocal:HH:mm}; a new notice follows before then");

    /// <summary>The engineering webhook's message when a visit it was told about is cancelled.</summary>
    public static ChatAlert WaterFeaturesCancelled(string visit) =>
        new("water-features-cancelled", visit, $"【工程部】{visit} 已取消，无需开启水景", $"[Engineering] {visit} is cancelled; the water features are not needed");

    /// <summary>The engineering webhook's message (§4.5.3).</summary>
    public static ChatAlert WaterFeatures(string visit, DateTime arrivalLocal) =>
        new("water-features", visit, $"【工程部】请于 {arrivalLocal:HH:mm} 前开启园区水景（{visit}）", $"[Engineering] Switch the water features on before {arrivalLocal:HH:mm} ({visit})");
}
