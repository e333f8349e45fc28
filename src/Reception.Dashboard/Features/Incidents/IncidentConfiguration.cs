using Reception.Dashboard.Features.Departments;
using Reception.Dashboard.Features.Units;

namespace Reception.Dashboard.Features.Incidents;

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Text).HasMaxLength(Incident.TextMaxLength);
        builder.Property(i => i.UnitNumber).HasMaxLength(Incident.UnitNumberMaxLength);
        builder.Property(i => i.PersonName).HasMaxLength(Validation.NameMaxLength);
        builder.Property(i => i.PersonPhone).HasMaxLength(Validation.PhoneMaxLength);
        builder.Property(i => i.Location).HasMaxLength(Incident.LocationMaxLength);
        // Actors as the event log records them (StoredEvent's ActorKind and ActorId).
        builder.Property(i => i.RaisedByKind).HasMaxLength(16);
        builder.Property(i => i.RaisedById).HasMaxLength(64);
        builder.Property(i => i.RaisedByName).HasMaxLength(Validation.NameMaxLength);
        builder.Property(i => i.TakenByKind).HasMaxLength(16);
        builder.Property(i => i.TakenById).HasMaxLength(64);
        builder.Property(i => i.TakenByName).HasMaxLength(Validation.NameMaxLength);
        builder.Property(i => i.Resolution).HasMaxLength(Incident.TextMaxLength);
        builder.Property(i => i.ReopenReason).HasMaxLength(Incident.ReasonMaxLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        // The desk's lists are a site's incidents by when they were raised; a department's, those forwarded to it.
        builder.HasIndex(i => new { i.SiteId, i.RaisedAt });
        builder.HasIndex(i => new { i.SiteId, i.DepartmentId });
        builder.HasOne<Site>().WithMany().HasForeignKey(i => i.SiteId);
        builder.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
