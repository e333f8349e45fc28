using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Infrastructure.Scheduling;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Visits;

/// <summary>What a visit's deadlines do when they come: an open item turns late, T-30 and the arrival are announced.</summary>
public sealed class VisitDeadlines : IDueJobHandler
{
    public const string ItemKind = "visit.item";
    public const string ReadyByKind = "visit.ready-by";
    public const string ArrivalKind = "visit.arrival";

    public IReadOnlyCollection<string> Kinds { get; } = [ItemKind, ReadyByKind, ArrivalKind];

    public async Task FireAsync(ReceptionDbContext db, EventBatch events, DueJob job, DateTime now, CancellationToken ct)
    {
        var visit = await VisitService.Load(db).SingleOrDefaultAsync(v => v.Id == job.OwnerId, ct);
        if (visit is null)
        {
            return;
        }

        switch (job.Kind)
        {
            case ItemKind when visit.Status is VisitStatus.Planned or VisitStatus.InProgress:
                var post = visit.Posts.SingleOrDefault(p => p.Items.Any(i => i.Id == job.TargetId));
                var item = post?.Items.Single(i => i.Id == job.TargetId);
                if (post is null || item is null || item.StateAt(now) != ItemState.Late)
                {
                    return;
                }

                events.Add(EventTypes.ItemLate, new ChecklistItemChanged(visit.Id, post.PostId, item.Id, item.Key, ItemState.Late, false), visit.Id);
                VisitService.AddReadinessChanges(events, visit, now);

                break;
            case ReadyByKind when visit.Status == VisitStatus.Planned:
                events.Add(EventTypes.ReadyByReached, new VisitDeadlineReached(visit.Id, visit.ReadyBy), visit.Id);
                break;
            case ArrivalKind when visit.Status == VisitStatus.Planned:
                events.Add(EventTypes.ArrivalDue, new VisitDeadlineReached(visit.Id, visit.Arrival), visit.Id);
                break;
        }
    }
}
