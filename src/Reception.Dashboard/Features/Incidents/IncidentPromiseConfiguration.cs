namespace Reception.Dashboard.Features.Incidents;

public sealed class IncidentPromiseConfiguration : IEntityTypeConfiguration<IncidentPromise>
{
    public void Configure(EntityTypeBuilder<IncidentPromise> builder)
    {
        builder.Property(p => p.What).HasMaxLength(IncidentPromise.WhatMaxLength);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        // Actors as the event log records them (StoredEvent's ActorKind and ActorId).
        builder.Property(p => p.MadeByKind).HasMaxLength(16);
        builder.Property(p => p.MadeById).HasMaxLength(64);
        builder.Property(p => p.MadeByName).HasMaxLength(Validation.NameMaxLength);
        builder.Property(p => p.KeptByKind).HasMaxLength(16);
        builder.Property(p => p.KeptById).HasMaxLength(64);
        builder.Property(p => p.KeptByName).HasMaxLength(Validation.NameMaxLength);
        // An incident's promises; the desk's list of those coming due at the site.
        builder.HasIndex(p => p.IncidentId);
        builder.HasIndex(p => new { p.SiteId, p.State, p.DueAt });
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId);
    }
}
