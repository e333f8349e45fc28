using Microsoft.Extensions.Options;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Orders to the posts (§4.4.2): the command center sends one to some posts or all; each post
/// acknowledges. Unacknowledged after <see cref="VisitOptions.OrderAcknowledgeWithin"/>, it stands out.
/// </summary>
public sealed class Orders(VisitWrites visits, SiteWriter writer, DueScheduler scheduler, IOptions<VisitOptions> options)
{
    public Task<VisitDto> SendAsync(SiteCall call, Guid visitId, SendOrder request)
    {
        var actor = call.Demand(Permission.ManageVisits);
        var text = Validation.TrimToNull(request.Text) ?? throw RuleViolationException.For("text", VisitText.Get("GiveOrder"));
        if (text.Length > VisitOrder.TextMaxLength)
        {
            throw RuleViolationException.For("text", ErrorText.Get("MaxLength", VisitOrder.TextMaxLength));
        }

        if (Validation.HasControlCharacters(text, multiLine: true))
        {
            throw RuleViolationException.For("text", Validation.ControlCharactersRefused());
        }

        var postIds = Recipients(request);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.order:{visitId}", request, async (db, visit, events, now) =>
        {
            var order = visit.SendOrder(text, postIds, now, now + options.Value.OrderAcknowledgeWithin);
            await scheduler.ArmAsync(db, events, call.SiteId, VisitDeadlines.OrderKind, order.Id, visit.Id, order.AcknowledgeBy, call.Cancellation);
            events.Add(EventTypes.OrderSent, order.ToEvent(null), visit.Id);
        });
    }

    /// <returns>The posts named, or null for every post of the visit.</returns>
    /// <remarks>
    /// Every post is a choice of its own: an order with no posts named used to go to all of them, so a
    /// forgotten choice reached every post. A client that still names none is told to choose.
    /// </remarks>
    private static IReadOnlyList<Guid>? Recipients(SendOrder request) => (request.AllPosts, request.PostIds) switch
    {
        (true, null or { Count: 0 }) => null,
        (true, _) => throw RuleViolationException.For("postIds", VisitText.Get("OrderPostsOrAll")),
        (false, null or { Count: 0 }) => throw RuleViolationException.For("postIds", VisitText.Get("ChooseOrderPosts")),
        (false, var named) => named,
    };

    /// <summary>A post acknowledges an order: a Guard for their own post, the command center on a post's behalf.</summary>
    public Task<VisitDto> AcknowledgeAsync(SiteCall call, Guid visitId, Guid orderId, AcknowledgeOrder request)
    {
        var actor = call.Demand(Permission.TickOwnPost);
        return writer.WriteAsync(call, actor, $"visits.order-ack:{orderId}:{request.PostId}", request, async (db, events) =>
        {
            var visit = await VisitLoading.FindAsync(db, call.SiteId, visitId, call.Cancellation);
            var order = visit.Orders.SingleOrDefault(o => o.Id == orderId) ?? throw new NotFoundException(VisitText.Get("Entity.Order"), orderId);
            var (onBehalf, _) = await PostAccess.MayActAsync(db, call, visit, request.PostId);
            visit.EnsureOpen();
            var now = visits.Now;
            if (order.Acknowledge(request.PostId, actor, onBehalf, now))
            {
                events.Add(EventTypes.OrderAcknowledged, order.ToEvent(request.PostId), visit.Id);
            }

            return VisitMapping.ToDto(visit, now);
        });
    }
}
