using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Infrastructure.Outbound;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// What a post does before a visit: tick its checklist (a Guard only at their own post, the command
/// center on their behalf), take a tick back within a minute, report a problem and clear it.
/// </summary>
public sealed class PostDuty(VisitWrites visits, SiteWriter writer, Outbox outbox)
{
    /// <summary>Ticks an item. Ticking twice changes nothing.</summary>
    public Task<VisitPostDto> TickAsync(SiteCall call, Guid visitId, Guid itemId) =>
        ChangeItemAsync(call, visitId, itemId, $"visits.tick:{itemId}", (item, actor, onBehalf, commands, now) =>
            item.Tick(actor, onBehalf, now) ? EventTypes.ItemTicked : null);

    /// <summary>Takes a tick back within a minute (<see cref="VisitItem.UndoWindow"/>).</summary>
    /// <remarks>An item taken back after its deadline is late at once: its deadline job has already fired.</remarks>
    public Task<VisitPostDto> UndoAsync(SiteCall call, Guid visitId, Guid itemId) =>
        ChangeItemAsync(call, visitId, itemId, $"visits.undo:{itemId}", (item, actor, onBehalf, commands, now) =>
            item.Undo(actor, commands, now) ? EventTypes.ItemUndone : null);

    /// <summary>A guard reports a problem at their post: the post is blocked until it is cleared.</summary>
    public Task<VisitPostDto> ReportProblemAsync(SiteCall call, Guid visitId, Guid postId, ReportPostProblem request)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        var reason = VisitInput.RequiredReason(request.Reason, "GiveReason");
        return visits.ChangePostAsync(call, actor, visitId, postId, $"visits.block:{visitId}:{postId}", request, async (db, visit, visitPost, events, now) =>
        {
            if (visitPost.ReportProblem(reason, now))
            {
                events.Add(EventTypes.PostBlocked, new PostProblemChanged(visit.Id, postId, reason), visit.Id);
                var name = await db.Posts.NameOfAsync(postId, call.Cancellation);
                outbox.Enqueue(db, events, call.SiteId, visit.Id, VisitChannels.Chat, ChatAlert.Blocked(visit.Title, name, reason));
            }
        });
    }

    public Task<VisitPostDto> ClearProblemAsync(SiteCall call, Guid visitId, Guid postId)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        return visits.ChangePostAsync(call, actor, visitId, postId, $"visits.unblock:{visitId}:{postId}", null, (db, visit, visitPost, events, now) =>
        {
            if (visitPost.ClearProblem())
            {
                events.Add(EventTypes.PostUnblocked, new PostProblemChanged(visit.Id, postId, null), visit.Id);
            }

            return Task.CompletedTask;
        });
    }

    /// <returns>The event the change raises, or null when it changed nothing.</returns>
    private delegate string? ItemChange(VisitItem item, Actor actor, bool onBehalf, bool commands, DateTime now);

    private async Task<VisitPostDto> ChangeItemAsync(SiteCall call, Guid visitId, Guid itemId, string operation, ItemChange change)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        var ct = call.Cancellation;
        var postId = await writer.WriteAsync(call, actor, operation, null, async (db, events) =>
        {
            var itemPostId = await VisitLoading.PostOfItemAsync(db, visitId, itemId, ct) ?? throw new NotFoundException(VisitText.Get("Entity.ChecklistItem"), itemId);
            var visit = await VisitLoading.FindWithPostAsync(db, call.SiteId, visitId, itemPostId, ct);
            var visitPost = visit.PostOf(itemPostId);
            var item = visitPost.Items.Single(i => i.Id == itemId);
            var (onBehalf, commands) = await PostAccess.MayActAsync(db, call, visit, visitPost.PostId);
            visit.EnsureOpen();
            var now = visits.Now;
            if (change(item, actor, onBehalf, commands, now) is { } type)
            {
                events.Add(type, new ChecklistItemChanged(visit.Id, visitPost.PostId, item.Id, item.Key, item.StateAt(now), onBehalf), visit.Id);
                // The deadline job announces lateness once; an undo after it fired must do so itself.
                if (type == EventTypes.ItemUndone && item.StateAt(now) == ItemState.Late
                    && await db.DueJobs.AnyAsync(j => j.Kind == VisitDeadlines.ItemKind && j.TargetId == item.Id && j.FiredAt != null, ct))
                {
                    await VisitDeadlines.AnnounceLateAsync(outbox, db, events, visit, visitPost, item, now, ct);
                }

                VisitWrites.AddReadinessChanges(events, visit, now);
            }

            return visitPost.PostId;
        });
        return await visits.PostNowAsync(call, visitId, postId);
    }
}
