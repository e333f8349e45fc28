namespace Reception.Dashboard.Features.Visits;

/// <summary>A post an order went to, and when and by whom it acknowledged it.</summary>
public sealed class OrderRecipient
{
    internal OrderRecipient(Guid orderId, Guid postId)
    {
        Id = Guid.CreateVersion7();
        OrderId = orderId;
        PostId = postId;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public Guid PostId { get; private set; }
    public DateTime? AcknowledgedAt { get; private set; }
    public string? ByKind { get; private set; }
    public string? ById { get; private set; }
    public bool OnBehalf { get; private set; }

    /// <returns>Whether it had not acknowledged before.</returns>
    internal bool Acknowledge(Actor actor, bool onBehalf, DateTime now)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }

        (AcknowledgedAt, ByKind, ById, OnBehalf) = (now, actor.Kind, actor.Id, onBehalf);
        return true;
    }
}
