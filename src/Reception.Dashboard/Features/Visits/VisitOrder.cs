namespace Reception.Dashboard.Features.Visits;

/// <summary>An order from the command center to some posts or all (§4.4.2: every post obeys), acknowledged post by post.</summary>
public sealed class VisitOrder
{
    public const int TextMaxLength = 500;

    private VisitOrder()
    {
    }

    public Guid Id { get; private set; }
    public Guid VisitId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    /// <summary>When an order not yet acknowledged by every post starts to stand out.</summary>
    public DateTime AcknowledgeBy { get; private set; }

    public List<OrderRecipient> Recipients { get; private set; } = [];

    internal static VisitOrder Send(Guid visitId, string text, IEnumerable<Guid> postIds, DateTime now, DateTime acknowledgeBy)
    {
        var order = new VisitOrder { Id = Guid.CreateVersion7(), VisitId = visitId, Text = text, SentAt = now, AcknowledgeBy = acknowledgeBy };
        order.Recipients.AddRange(postIds.Select(postId => new OrderRecipient(order.Id, postId)));
        return order;
    }

    public bool OverdueAt(DateTime now) => now >= AcknowledgeBy && Recipients.Any(r => r.AcknowledgedAt is null);

    /// <returns>Whether the post had not acknowledged before.</returns>
    public bool Acknowledge(Guid postId, Actor actor, bool onBehalf, DateTime now)
    {
        var recipient = Recipients.SingleOrDefault(r => r.PostId == postId) ?? throw new ConflictException(VisitText.Get("OrderNotForPost"));
        return recipient.Acknowledge(actor, onBehalf, now);
    }

    public VisitOrderDto ToDto(DateTime now) => new(Id, Text, SentAt, AcknowledgeBy, OverdueAt(now),
        Recipients.OrderBy(r => r.AcknowledgedAt is not null).Select(r => new OrderRecipientDto(r.PostId, r.AcknowledgedAt)).ToList());

    public OrderChanged ToEvent(Guid? postId) => new(VisitId, Id, postId, Recipients.Count, Recipients.Count(r => r.AcknowledgedAt is not null));
}
