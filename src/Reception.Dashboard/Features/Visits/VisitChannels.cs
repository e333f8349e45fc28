namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// Where a visit's news leaves the product. Each channel is off until its URL is configured:
/// <c>Outbound:EngineeringWebhookUrl</c>, <c>Outbound:ChatWebhookUrl</c>.
/// </summary>
public static class VisitChannels
{
    /// <summary>Engineering notices, such as the fountain 30 minutes ahead (§4.5.3).</summary>
    public const string Engineering = "engineering";

    /// <summary>Alerts for the duty chat: late items, blocked or empty posts, unacknowledged orders, violations.</summary>
    public const string Chat = "chat";
}
