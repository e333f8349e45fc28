using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Sites;

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

/// <summary>Where messages go and how hard to try. Each channel is off until it has a URL.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>Receives engineering notices, such as the fountain 30 minutes ahead (§4.5.3).</summary>
    public string? EngineeringWebhookUrl { get; set; }

    /// <summary>Receives alerts for the duty chat: late items, blocked or empty posts, unacknowledged orders.</summary>
    public string? ChatWebhookUrl { get; set; }

    public int RetriesPerAttempt { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message that failed waits before its next attempt.</summary>
    public TimeSpan RetryLater { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 20;

    public string? UrlFor(string channel) => channel switch
    {
        Outbox.Engineering => EngineeringWebhookUrl,
        Outbox.Chat => ChatWebhookUrl,
        _ => null,
    };
}

/// <summary>How features queue a message, inside their own write.</summary>
public sealed class Outbox(IOptions<OutboundOptions> options, WebhookDispatcher dispatcher, TimeProvider clock)
{
    public const string Engineering = "engineering";
    public const string Chat = "chat";

    /// <returns>The queued message, or null when the channel has no URL configured.</returns>
    public OutboundMessage? Enqueue(ReceptionDbContext db, Realtime.EventBatch events, Guid siteId, Guid? visitId, string channel, object payload)
    {
        if (string.IsNullOrWhiteSpace(options.Value.UrlFor(channel)))
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
