namespace Reception.Dashboard.Infrastructure.Scheduling;

/// <summary>
/// Something that must happen at a time: a deadline to mark late, an arrival to announce. Jobs are
/// rows, so they survive a restart; <see cref="FiredAt"/> makes each fire once.
/// </summary>
public sealed class DueJob
{
    public Guid Id { get; init; }
    public Guid SiteId { get; init; }

    /// <summary>Which <see cref="IDueJobHandler"/> fires it.</summary>
    public string Kind { get; init; } = "";

    /// <summary>What it is about: a checklist item, a visit.</summary>
    public Guid TargetId { get; init; }

    /// <summary>What it belongs to, so that cancelling the owner disarms all of its jobs at once.</summary>
    public Guid OwnerId { get; init; }

    public DateTime DueAt { get; set; }
    public DateTime? FiredAt { get; set; }
}

public sealed class DueJobConfiguration : IEntityTypeConfiguration<DueJob>
{
    public void Configure(EntityTypeBuilder<DueJob> builder)
    {
        builder.Property(j => j.Kind).HasMaxLength(40);
        builder.HasIndex(j => new { j.Kind, j.TargetId }).IsUnique();
        builder.HasIndex(j => new { j.FiredAt, j.DueAt });
        builder.HasIndex(j => j.OwnerId);
        builder.HasOne<Site>().WithMany().HasForeignKey(j => j.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
