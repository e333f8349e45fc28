namespace Reception.Dashboard.Features.Visits;

/// <summary>A violation or outsider on the grounds or the route (§4.2.2, §4.4.4, §4.5.2), open until a patrol clears it.</summary>
public sealed class RouteViolation
{
    public const int DescriptionMaxLength = 500;

    private RouteViolation()
    {
    }

    public Guid Id { get; private set; }
    public Guid VisitId { get; private set; }
    public ViolationKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public Guid? PostId { get; private set; }
    public string? Location { get; private set; }
    public DateTime ReportedAt { get; private set; }

    /// <summary>Who reported it ("kind:id" of the actor), who may clear it besides the patrols and the command center.</summary>
    public string ReportedBy { get; private set; } = "";

    public DateTime? ClearedAt { get; private set; }

    internal static RouteViolation Report(Guid visitId, ViolationKind kind, string description, Guid? postId, string? location, string reportedBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), VisitId = visitId, Kind = kind, Description = description, PostId = postId,
        Location = location, ReportedAt = now, ReportedBy = reportedBy,
    };

    /// <returns>Whether it was open before.</returns>
    public bool Clear(DateTime now)
    {
        if (ClearedAt is not null)
        {
            return false;
        }

        ClearedAt = now;
        return true;
    }

    public ViolationDto ToDto() => new(Id, Kind, Description, PostId, Location, ReportedAt, ClearedAt);

    public ViolationChanged ToEvent() => new(VisitId, Id, Kind, PostId, ClearedAt is not null);
}
