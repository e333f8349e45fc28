using System.Text.Json;

namespace Reception.Dashboard.Infrastructure.Outbound;

/// <summary>
/// A webhook message waiting to leave, or sent: an outbox row written in the same transaction as its
/// cause, so a message is never sent for a change that rolled back, nor lost for one that committed.
/// </summary>
public sealed class OutboundMessage
{
    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public Guid? VisitId { get; init; }
    public string Channel { get; init; } = "";
    public string Payload { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    public DeliveryDto ToDto() => new(Status, Attempts, LastError, DeliveredAt);
}

public sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> builder)
    {
        builder.Property(m => m.Channel).HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// How hard to try. Where messages go is per channel: features name their channels, and a channel is
/// off until <c>Outbound:{Channel}WebhookUrl</c> is set (e.g. <c>Outbound:ChatWebhookUrl</c>).
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    public int RetriesPerAttempt { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message that failed waits before its next attempt.</summary>
    public TimeSpan RetryLater { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 20;
}

/// <summary>A channel's receiver, read from configuration each time, so a changed URL takes effect for the next message.</summary>
public sealed class WebhookUrls(IConfiguration configuration)
{
    public string? For(string channel) => configuration[$"{OutboundOptions.Section}:{channel}WebhookUrl"];
}

/// <summary>How features queue a message, inside their own write.</summary>
public sealed class Outbox(WebhookUrls urls, WebhookDispatcher dispatcher, TimeProvider clock)
{
    /// <returns>The queued message, or null when the channel has no URL configured.</returns>
    public OutboundMessage? Enqueue(ReceptionDbContext db, Realtime.EventBatch events, Guid siteId, Guid? visitId, string channel, object payload)
    {
        if (string.IsNullOrWhiteSpace(urls.For(channel)))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboundMessage
        {
            Id = Guid.CreateVersion7(), SiteId = siteId, VisitId = visitId, Channel = channel,
            Payload = JsonSerializer.Serialize(payload, ServerJson.Options), CreatedAt = now, NextAttemptAt = now,
        };
        db.OutboundMessages.Add(message);
        events.AfterCommit(dispatcher.Wake);
        return message;
    }
}
