namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// A site's own time limits for one kind and priority of incident, in minutes from when its clocks started (raised, or
/// last reopened): past the first unforwarded, past the second unresolved, it escalates by itself. A kind and priority
/// the site set nothing for keeps <see cref="IncidentTimeLimits.Default"/>.
/// </summary>
public sealed class IncidentTimeLimit
{
    public Guid SiteId { get; init; }
    public IncidentKind Kind { get; init; }
    public IncidentPriority Priority { get; init; }
    public int ForwardWithinMinutes { get; init; }
    public int ResolveWithinMinutes { get; init; }

    public IncidentTimeLimitDto ToDto() => new(Kind, Priority, ForwardWithinMinutes, ResolveWithinMinutes);
}

public sealed class IncidentTimeLimitConfiguration : IEntityTypeConfiguration<IncidentTimeLimit>
{
    public void Configure(EntityTypeBuilder<IncidentTimeLimit> builder)
    {
        builder.HasKey(l => new { l.SiteId, l.Kind, l.Priority });
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Priority).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Site>().WithMany().HasForeignKey(l => l.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
