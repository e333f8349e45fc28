namespace Reception.Dashboard.Features.Visits;

/// <summary>A notice to another department during a visit, such as engineering's water features 30 minutes ahead (§4.5.3).</summary>
public sealed class VisitNotice
{
    /// <summary>§4.5.3: engineering switches the water features (the fountain) on.</summary>
    public const string WaterFeatures = "water-features";

    private VisitNotice()
    {
    }

    public Guid Id { get; private set; }
    public Guid VisitId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime SentAt { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneByKind { get; private set; }
    public string? DoneById { get; private set; }

    /// <summary>The webhook message that carried it outside the product, when one is configured.</summary>
    public Guid? OutboundMessageId { get; private set; }

    internal static VisitNotice Send(Guid visitId, string kind, Guid? outboundMessageId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), VisitId = visitId, Kind = kind, SentAt = now, OutboundMessageId = outboundMessageId,
    };

    /// <returns>Whether it was not done before.</returns>
    public bool Complete(Actor actor, DateTime now)
    {
        if (DoneAt is not null)
        {
            return false;
        }

        (DoneAt, DoneByKind, DoneById) = (now, actor.Kind, actor.Id);
        return true;
    }

    public NoticeChanged ToEvent() => new(VisitId, Id, Kind, DoneAt is not null);
}
