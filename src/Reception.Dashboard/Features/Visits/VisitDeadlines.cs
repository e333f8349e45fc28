using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure.Outbound;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Visits;

/// <summary>What a visit's deadlines do when they come: an open item turns late, T-30 and the arrival are announced.</summary>
public sealed class VisitDeadlines(Outbox outbox) : IDueJobHandler
{
    public const string ItemKind = "visit.item";
    public const string ReadyByKind = "visit.ready-by";
    public const string ArrivalKind = "visit.arrival";
    public const string OrderKind = "visit.order";
    public const string FountainKind = "visit.fountain";

    /// <summary>The duty room's checklist item that the fountain notice (§4.5.3) completes.</summary>
    public const string FountainItemKey = "fountain-notice";

    public IReadOnlyCollection<string> Kinds { get; } = [ItemKind, ReadyByKind, ArrivalKind, OrderKind, FountainKind];

    public async Task FireAsync(ReceptionDbContext db, EventBatch events, DueJob job, DateTime now, CancellationToken ct)
    {
        // An item's deadline touches only its post; the other deadlines read the whole visit.
        var itemPost = job.Kind == ItemKind ? await VisitLoading.PostOfItemAsync(db, job.OwnerId, job.TargetId, ct) : null;
        var visit = await (itemPost is { } postId ? VisitLoading.LoadPost(db, postId) : VisitLoading.Load(db)).SingleOrDefaultAsync(v => v.Id == job.OwnerId, ct);
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

                await AnnounceLateAsync(outbox, db, events, visit, post, item, now, ct);
                break;
            case ReadyByKind when visit.Status == VisitStatus.Planned:
                events.Add(EventTypes.ReadyByReached, new VisitDeadlineReached(visit.Id, visit.ReadyBy), visit.Id);
                break;
            case ArrivalKind when visit.Status == VisitStatus.Planned:
                events.Add(EventTypes.ArrivalDue, new VisitDeadlineReached(visit.Id, visit.Arrival), visit.Id);
                break;
            case OrderKind when visit.Status is VisitStatus.Planned or VisitStatus.InProgress:
                if (visit.Orders.SingleOrDefault(o => o.Id == job.TargetId) is { } order && order.OverdueAt(now))
                {
                    events.Add(EventTypes.OrderOverdue, order.ToEvent(null), visit.Id);
                    var silent = new List<string>();
                    foreach (var recipient in order.Recipients.Where(r => r.AcknowledgedAt is null))
                    {
                        silent.Add(await db.Posts.NameOfAsync(recipient.PostId, ct));
                    }

                    outbox.Enqueue(db, events, visit.SiteId, visit.Id, VisitChannels.Chat, ChatAlert.OrderOverdue(visit.Title, order.Text, silent));
                }

                break;
            case FountainKind when visit.Status == VisitStatus.Planned:
                await SendFountainNoticeAsync(db, events, visit, now, ct);
                break;
        }
    }

    /// <summary>
    /// §4.5.3: engineering is told, in the product and on its webhook if one is set, to switch the water
    /// features on; the duty room's "engineering told" item is thereby done.
    /// </summary>
    private async Task SendFountainNoticeAsync(ReceptionDbContext db, EventBatch events, Visit visit, DateTime now, CancellationToken ct)
    {
        if (visit.Notices.Any(n => n.Kind == VisitNotice.WaterFeatures))
        {
            return;
        }

        var zone = (await db.Sites.AsNoTracking().SingleAsync(s => s.Id == visit.SiteId, ct)).TimeZone;
        var message = outbox.Enqueue(db, events, visit.SiteId, visit.Id, VisitChannels.Engineering,
            ChatAlert.WaterFeatures(visit.Title, TimeZoneInfo.ConvertTimeFromUtc(visit.Arrival, zone)));
        var notice = visit.TellEngineering(message?.Id, now);
        events.Add(EventTypes.NoticeSent, notice.ToEvent(), visit.Id);
        foreach (var post in visit.Posts)
        {
            foreach (var item in post.Items.Where(i => i.Key == FountainItemKey))
            {
                if (item.Tick(DueScheduler.Actor, onBehalf: false, now))
                {
                    events.Add(EventTypes.ItemTicked, new ChecklistItemChanged(visit.Id, post.PostId, item.Id, item.Key, ItemState.Done, false), visit.Id);
                }
            }
        }

        VisitWrites.AddReadinessChanges(events, visit, now);
    }

    /// <summary>
    /// An item turned late: announced once per deadline, by its job or by an undo after the job fired. The
    /// duty chat hears once per post turning late, with all its late items, not once per item: at T-30 a
    /// visit's items fall due together.
    /// </summary>
    internal static async Task AnnounceLateAsync(Outbox outbox, ReceptionDbContext db, EventBatch events, Visit visit, VisitPost post, VisitItem item, DateTime now, CancellationToken ct)
    {
        events.Add(EventTypes.ItemLate, new ChecklistItemChanged(visit.Id, post.PostId, item.Id, item.Key, ItemState.Late, false), visit.Id);
        var wasLate = post.PublishedState == ReadinessState.Late;
        VisitWrites.AddReadinessChanges(events, visit, now);
        if (!wasLate && post.PublishedState == ReadinessState.Late)
        {
            var late = post.Items.Where(i => i.StateAt(now) == ItemState.Late).OrderBy(i => i.Order).ToList();
            outbox.Enqueue(db, events, visit.SiteId, visit.Id, VisitChannels.Chat, ChatAlert.Late(visit.Title, await db.Posts.NameOfAsync(post.PostId, ct),
                string.Join("、", late.Select(i => i.TextZh)), string.Join("\", \"", late.Select(i => i.TextEn))));
        }
    }
}
