using Reception.Dashboard.Features.Departments;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Shifts;

namespace Reception.Dashboard.Features.Staff;

/// <summary>Who works at the site, their usual post and shift. Name and phone are personal data: they never go into events.</summary>
public sealed class StaffMember : VersionedEntity, ISiteOwned
{
    private StaffMember(Guid id, Guid siteId, string name)
    {
        Id = id;
        SiteId = siteId;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public string Name { get; private set; }
    public string? Phone { get; private set; }
    public string? StaffNumber { get; private set; }
    public Guid? DepartmentId { get; private set; }
    public Guid? PostId { get; private set; }
    public Guid? ShiftId { get; private set; }
    public bool Active { get; private set; }

    /// <summary>The account this person signs in with, if any; one staff record per user per site.</summary>
    public Guid? UserId { get; private set; }

    public static StaffMember Create(Guid siteId, StaffDetails details)
    {
        var member = new StaffMember(Guid.CreateVersion7(), siteId, details.Name);
        member.Apply(details);
        return member;
    }

    public StaffDetails Details => new(Name, Phone, StaffNumber, DepartmentId, PostId, ShiftId, Active);

    /// <returns>Whether anything changed.</returns>
    public bool Update(StaffDetails details)
    {
        if (details == Details)
        {
            return false;
        }

        Apply(details);
        Changed();
        return true;
    }

    /// <returns>Whether the link changed.</returns>
    public bool LinkUser(Guid? userId)
    {
        if (userId == UserId)
        {
            return false;
        }

        UserId = userId;
        Changed();
        return true;
    }

    private void Apply(StaffDetails d) =>
        (Name, Phone, StaffNumber, DepartmentId, PostId, ShiftId, Active) = (d.Name, d.Phone, d.StaffNumber, d.DepartmentId, d.PostId, d.ShiftId, d.Active);

    public StaffDto ToDto() => new(Id, SiteId, Name, Phone, StaffNumber, DepartmentId, PostId, ShiftId, UserId, Active, Version);

    public StaffChanged ToEvent() => new(Id, DepartmentId, PostId, ShiftId, UserId, Active, Version);
}

/// <summary>The editable fields of a staff record, trimmed and checked.</summary>
public sealed record StaffDetails(
    string Name, string? Phone, string? StaffNumber, Guid? DepartmentId, Guid? PostId, Guid? ShiftId, bool Active);

public sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("Staff");
        builder.Property(s => s.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(s => s.Phone).HasMaxLength(Validation.PhoneMaxLength);
        builder.Property(s => s.StaffNumber).HasMaxLength(32);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Details);
        builder.HasIndex(s => new { s.SiteId, s.StaffNumber }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId);
        builder.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shift>().WithMany().HasForeignKey(s => s.ShiftId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SiteId, s.UserId }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
