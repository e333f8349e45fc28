namespace Reception.Dashboard.Features.Visits;

/// <summary>Notices to other departments: engineering marks the water features on (§4.5.3). Sending them is a deadline's (<see cref="VisitDeadlines"/>).</summary>
public sealed class Notices(VisitWrites visits)
{
    public Task<VisitDto> CompleteAsync(SiteCall call, Guid visitId, Guid noticeId)
    {
        var actor = call.Demand(Permission.CompleteNotices);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.notice-done:{noticeId}", null, (db, visit, events, now) =>
        {
            var notice = visit.Notices.SingleOrDefault(n => n.Id == noticeId) ?? throw new NotFoundException(VisitText.Get("Entity.Notice"), noticeId);
            visit.EnsureOpen();
            if (notice.Complete(actor, now))
            {
                events.Add(EventTypes.NoticeDone, notice.ToEvent(), visit.Id);
            }

            return Task.CompletedTask;
        });
    }
}
