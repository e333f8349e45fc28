namespace Reception.Dashboard.Realtime;

/// <summary>
/// A site's sequence counter. Writers raise <see cref="LastSeq"/> inside their transaction, so the
/// row lock orders commits and sequence numbers alike, and a rollback gives its numbers back.
/// </summary>
public sealed class SiteStream
{
    private SiteStream(Guid siteId, Guid epoch)
    {
        SiteId = siteId;
        Epoch = epoch;
    }

    public Guid SiteId { get; private set; }

    /// <summary>New with every database, so a client never takes a wiped history for "nothing new".</summary>
    public Guid Epoch { get; private set; }

    public long LastSeq { get; private set; }

    public static SiteStream Start(Guid siteId) => new(siteId, Guid.NewGuid());
}

public sealed class SiteStreamConfiguration : IEntityTypeConfiguration<SiteStream>
{
    public void Configure(EntityTypeBuilder<SiteStream> builder)
    {
        builder.HasKey(s => s.SiteId);
        builder.HasOne<Features.Sites.Site>().WithOne().HasForeignKey<SiteStream>(s => s.SiteId);
    }
}
