using System.Text.Json;
using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>Visits as the API and the pages see them.</summary>
internal static class VisitMapping
{
    /// <summary>An actor as items and violations record it, and as pages compare it: "kind:id".</summary>
    internal static string ActorKey(Actor actor) => $"{actor.Kind}:{actor.Id}";

    internal static ReadinessReportDto? ReportOf(Visit visit) =>
        visit.ReportJson is null ? null
        : JsonSerializer.Deserialize<ReadinessReportDto>(visit.ReportJson, ServerJson.Options)! with { AcknowledgedAt = visit.ReportAcknowledgedAt };

    internal static VisitDto ToDto(Visit v, DateTime now) => new(
        v.Id, v.SiteId, v.Title, v.Level, v.Arrival, v.ReadyBy, v.Host, v.Notes, v.Status, Readiness.Phase(v, now), v.ShortNotice,
        v.AnnouncedAt, v.RescheduledAt, v.CancelReason, v.ArrivedAt, v.EndedAt, Readiness.Figures(v, now), ReportOf(v), v.Version);

    internal static VisitPostDto ToPostDto(VisitPost p, Post post, DateTime now) => new(
        p.PostId, post.Name, post.Kind, p.OnRoute, p.RouteOrder, p.StateAt(now), p.Problem, p.ProblemAt, p.Presence, p.LeaveReason,
        p.Staff.Select(s => new PlannedStaffDto(s.StaffId, s.Shift, s.CalledIn)).ToList(),
        p.Items.OrderBy(i => i.Order).Select(i => new ChecklistItemDto(
            i.Id, i.Key, i.Rule, i.Text, i.DueAt, i.DueNow, i.StateAt(now), i.DoneAt, i.DoneByKind is null ? null : ActorKey(new Actor(i.DoneByKind, i.DoneById!, null)), i.DoneByRole, i.DoneOnBehalf)).ToList());

    internal static async Task<VisitDetailDto> ToDetailAsync(ReceptionDbContext db, Visit visit, DateTime now, CancellationToken ct) =>
        (await ToDetailsAsync(db, [visit], now, ct)).Single();

    /// <summary>Visits as the board shows them; the posts' names and the webhook deliveries of all of them are read in one query each.</summary>
    internal static async Task<IReadOnlyList<VisitDetailDto>> ToDetailsAsync(ReceptionDbContext db, IReadOnlyList<Visit> visits, DateTime now, CancellationToken ct)
    {
        var ids = visits.SelectMany(v => v.Posts).Select(p => p.PostId).Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var outboundIds = visits.SelectMany(v => v.Notices).Where(n => n.OutboundMessageId is not null).Select(n => n.OutboundMessageId!.Value).ToList();
        var deliveries = await db.OutboundMessages.AsNoTracking().Where(m => outboundIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ToDto(), ct);
        return visits.Select(visit => Detail(visit, posts, deliveries, now)).ToList();
    }

    private static VisitDetailDto Detail(Visit visit, Dictionary<Guid, Post> posts, Dictionary<Guid, DeliveryDto> deliveries, DateTime now) =>
        new(ToDto(visit, now), visit.Posts.OrderBy(p => p.RouteOrder).Select(p => ToPostDto(p, posts[p.PostId], now)).ToList(),
            visit.Orders.OrderByDescending(o => o.SentAt).Select(o => o.ToDto(now)).ToList(),
            visit.Violations.OrderBy(v => v.ClearedAt is not null).ThenByDescending(v => v.ReportedAt).Select(v => v.ToDto()).ToList(),
            visit.Notices.OrderBy(n => n.SentAt).Select(n => new VisitNoticeDto(n.Id, n.Kind, n.SentAt, n.DoneAt,
                n.OutboundMessageId is { } id ? deliveries.GetValueOrDefault(id) : null)).ToList());
}
