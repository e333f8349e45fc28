using Microsoft.Extensions.Localization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// What needs the command room's attention in the visits still to come or under way, most urgent first:
/// empty and blocked posts, unanswered orders, late posts, open violations, notices not yet done.
/// </summary>
public static class VisitAlerts
{
    public enum Level
    {
        Alarm,
        Warning,
        Info,
    }

    /// <param name="Key">Stable while the alert lasts, so a page can tell a new alert from one it has shown.</param>
    /// <param name="Sounds">Whether it sounds on the command center's board.</param>
    public sealed record Alert(string Key, Level Level, Guid VisitId, string Text, bool Sounds);

    public static IReadOnlyList<Alert> For(IEnumerable<VisitDetailDto> visits, IStringLocalizer<VisitText> V)
    {
        var alerts = new List<Alert>();
        foreach (var detail in visits.Where(v => v.Visit.Status is VisitStatus.Planned or VisitStatus.InProgress))
        {
            var visit = detail.Visit;
            string Name(Guid postId) => detail.Posts.FirstOrDefault(p => p.PostId == postId)?.Name ?? "";
            foreach (var post in detail.Posts)
            {
                if (post.Presence == PostPresence.Empty)
                {
                    alerts.Add(new($"empty:{visit.Id}:{post.PostId}", Level.Alarm, visit.Id, V["Alert.Empty", post.Name, visit.Title], true));
                }

                if (post.State == ReadinessState.Blocked)
                {
                    alerts.Add(new($"blocked:{visit.Id}:{post.PostId}", Level.Alarm, visit.Id, V["Alert.Blocked", post.Name, post.Problem ?? "", visit.Title], true));
                }
                else if (post.State == ReadinessState.Late)
                {
                    alerts.Add(new($"late:{visit.Id}:{post.PostId}", Level.Warning, visit.Id, V["Alert.Late", post.Name, visit.Title], true));
                }

                if (post.Presence == PostPresence.LeaveRequested)
                {
                    alerts.Add(new($"leave:{visit.Id}:{post.PostId}", Level.Info, visit.Id, V["Alert.Leave", post.Name, post.LeaveReason ?? ""], false));
                }
            }

            foreach (var order in detail.Orders.Where(o => o.Overdue))
            {
                var silent = string.Join(V["Separator"], order.Posts.Where(p => p.AcknowledgedAt is null).Select(p => Name(p.PostId)));
                alerts.Add(new($"order:{order.Id}", Level.Warning, visit.Id, V["Alert.Order", order.Text, silent], true));
            }

            foreach (var violation in detail.Violations.Where(v => v.ClearedAt is null))
            {
                var where = violation.PostId is { } id ? Name(id) : violation.Location ?? V["OnTheGrounds"];
                alerts.Add(new($"violation:{violation.Id}", Level.Warning, visit.Id, V["Alert.Violation", V[$"ViolationKind.{violation.Kind}"], where, violation.Description], false));
            }

            foreach (var notice in detail.Notices.Where(n => n.DoneAt is null))
            {
                alerts.Add(new($"notice:{notice.Id}", Level.Info, visit.Id, V["Alert.Notice", V[$"Notice.{notice.Kind}"], visit.Title], false));
            }
        }

        return alerts.OrderBy(a => a.Level).ToList();
    }
}
