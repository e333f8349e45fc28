using System.Text.Json;

namespace Reception.Dashboard.Realtime;

/// <summary>One row of the append-only event log. The key (site, seq) makes a reused number impossible.</summary>
public sealed class StoredEvent
{
    public Guid SiteId { get; init; }
    public long Seq { get; init; }
    public Guid? VisitId { get; init; }
    public required string Type { get; init; }
    public DateTime At { get; init; }
    public required string Data { get; init; }

    /// <summary>"user" or "token"; with <see cref="ActorId"/> and <see cref="ActorRole"/>, who caused the event.</summary>
    public string? ActorKind { get; init; }
    public string? ActorId { get; init; }
    public string? ActorRole { get; init; }

    public BoardEvent ToEnvelope(Guid epoch)
    {
        using var data = JsonDocument.Parse(Data);
        var actor = ActorKind is null ? null : new Actor(ActorKind, ActorId!, ActorRole);
        return new BoardEvent(Seq, epoch, SiteId, VisitId, Type, At, actor, data.RootElement.Clone());
    }
}

public sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => new { e.SiteId, e.Seq });
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.ActorRole).HasMaxLength(32);
        builder.HasIndex(e => new { e.VisitId, e.Seq });
        builder.HasOne<Features.Sites.Site>().WithMany().HasForeignKey(e => e.SiteId);
    }
}
