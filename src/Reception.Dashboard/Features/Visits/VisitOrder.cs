using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Infrastructure;

namespace Reception.Dashboard.Features.Visits;

/// <summary>An order from the command center to some posts or all (§4.4.2: every post obeys), acknowledged post by post.</summary>
public sealed class VisitOrder
{
    public const int TextMaxLength = 500;

    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public string Text { get; init; } = "";
    public DateTime SentAt { get; init; }

    /// <summary>When an order not yet acknowledged by every post starts to stand out.</summary>
    public DateTime AcknowledgeBy { get; init; }

    public List<OrderRecipient> Recipients { get; init; } = [];

    public bool OverdueAt(DateTime now) => now >= AcknowledgeBy && Recipients.Any(r => r.AcknowledgedAt is null);

    /// <returns>Whether the post had not acknowledged before.</returns>
    public bool Acknowledge(Guid postId, Client.Contracts.Actor actor, bool onBehalf, DateTime now)
    {
        var recipient = Recipients.SingleOrDefault(r => r.PostId == postId) ?? throw new ConflictException(ErrorText.Get("OrderNotForPost"));
        if (recipient.AcknowledgedAt is not null)
        {
            return false;
        }

        (recipient.AcknowledgedAt, recipient.ByKind, recipient.ById, recipient.OnBehalf) = (now, actor.Kind, actor.Id, onBehalf);
        return true;
    }

    public VisitOrderDto ToDto(DateTime now) => new(Id, Text, SentAt, AcknowledgeBy, OverdueAt(now),
        Recipients.OrderBy(r => r.AcknowledgedAt is not null).Select(r => new OrderRecipientDto(r.PostId, r.AcknowledgedAt)).ToList());

    public OrderChanged ToEvent(Guid? postId) => new(VisitId, Id, postId, Recipients.Count, Recipients.Count(r => r.AcknowledgedAt is not null));
}

public sealed class OrderRecipient
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid PostId { get; init; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? ByKind { get; set; }
    public string? ById { get; set; }
    public bool OnBehalf { get; set; }
}

/// <summary>A violation or outsider on the grounds or the route (§4.2.2, §4.4.4, §4.5.2), open until a patrol clears it.</summary>
public sealed class RouteViolation
{
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public ViolationKind Kind { get; init; }
    public string Description { get; init; } = "";
    public Guid? PostId { get; init; }
    public string? Location { get; init; }
    public DateTime ReportedAt { get; init; }

    /// <summary>Who reported it ("kind:id" of the actor), who may clear it besides the patrols and the command center.</summary>
    public string ReportedBy { get; init; } = "";

    public DateTime? ClearedAt { get; set; }

    public ViolationDto ToDto() => new(Id, Kind, Description, PostId, Location, ReportedAt, ClearedAt);

    public ViolationChanged ToEvent() => new(VisitId, Id, Kind, PostId, ClearedAt is not null);
}

/// <summary>A notice to another department during a visit, such as engineering's water features 30 minutes ahead (§4.5.3).</summary>
public sealed class VisitNotice
{
    /// <summary>§4.5.3: engineering switches the water features (the fountain) on.</summary>
    public const string WaterFeatures = "water-features";

    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public string Kind { get; init; } = "";
    public DateTime SentAt { get; init; }
    public DateTime? DoneAt { get; set; }
    public string? DoneByKind { get; set; }
    public string? DoneById { get; set; }

    /// <summary>The webhook message that carried it outside the product, when one is configured.</summary>
    public Guid? OutboundMessageId { get; init; }

    public NoticeChanged ToEvent() => new(VisitId, Id, Kind, DoneAt is not null);
}

public sealed class VisitOrderConfiguration : IEntityTypeConfiguration<VisitOrder>
{
    public void Configure(EntityTypeBuilder<VisitOrder> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Text).HasMaxLength(VisitOrder.TextMaxLength);
        builder.HasMany(o => o.Recipients).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrderRecipientConfiguration : IEntityTypeConfiguration<OrderRecipient>
{
    public void Configure(EntityTypeBuilder<OrderRecipient> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ByKind).HasMaxLength(16);
        builder.Property(r => r.ById).HasMaxLength(64);
        builder.HasIndex(r => new { r.OrderId, r.PostId }).IsUnique();
        builder.HasOne<Posts.Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RouteViolationConfiguration : IEntityTypeConfiguration<RouteViolation>
{
    public void Configure(EntityTypeBuilder<RouteViolation> builder)
    {
        builder.ToTable("Violations");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Description).HasMaxLength(RouteViolation.DescriptionMaxLength);
        builder.Property(v => v.Location).HasMaxLength(Validation.NameMaxLength);
        builder.Property(v => v.ReportedBy).HasMaxLength(80);
        builder.HasOne<Posts.Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class VisitNoticeConfiguration : IEntityTypeConfiguration<VisitNotice>
{
    public void Configure(EntityTypeBuilder<VisitNotice> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(32);
        builder.Property(n => n.DoneByKind).HasMaxLength(16);
        builder.Property(n => n.DoneById).HasMaxLength(64);
        builder.HasIndex(n => new { n.VisitId, n.Kind }).IsUnique();
    }
}
