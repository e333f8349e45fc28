namespace Reception.Dashboard.Features.Visits;

/// <summary>A person named for a post of a visit.</summary>
public sealed class VisitStaff
{
    public Guid Id { get; init; }
    public Guid VisitPostId { get; init; }
    public Guid StaffId { get; init; }
    public ShiftKind? Shift { get; init; }

    /// <summary>Off duty at the arrival and called in: due at the post by T-30 (§4.5.4).</summary>
    public bool CalledIn { get; init; }
}
