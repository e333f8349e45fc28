namespace Reception.Dashboard.Features.Visits;

public sealed class VisitOptions
{
    public const string Section = "Visits";

    /// <summary>How long posts have to acknowledge an order before it stands out on the board (§4.4.2).</summary>
    public TimeSpan OrderAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(2);
}
