using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Shifts;
using Reception.Dashboard.Features.Staff;

namespace Reception.Dashboard.Features.Roster;

/// <summary>
/// One person on one shift on one date. The date is the shift's start date in the site's time zone,
/// so a night shift from 23:00 on the 1st to 07:00 on the 2nd is the 1st's. Cells are replaced whole,
/// so entries are facts without versions.
/// </summary>
public sealed class RosterEntry
{
    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public DateOnly Date { get; init; }
    public Guid ShiftId { get; init; }
    public Guid StaffId { get; init; }
    public DutyKind Duty { get; init; }
    public Guid? PostId { get; init; }

    public RosterEntryDto ToDto() => new(Id, SiteId, Date, ShiftId, StaffId, Duty, PostId);
}

public sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> builder)
    {
        builder.ToTable("Roster");
        builder.Property(r => r.Duty).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.SiteId, r.Date, r.ShiftId, r.StaffId }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId);
        builder.HasOne<Shift>().WithMany().HasForeignKey(r => r.ShiftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}
