namespace Reception.Dashboard.Features.Departments;

/// <summary>A department that receives forwarded work: security, customer service, engineering, cleaning…</summary>
public sealed class Department : VersionedEntity, ISiteOwned
{
    private Department(Guid id, Guid siteId, string name)
    {
        Id = id;
        SiteId = siteId;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public string Name { get; private set; }

    public static Department Create(Guid siteId, string name) => new(Guid.CreateVersion7(), siteId, name);

    /// <returns>Whether the name changed.</returns>
    public bool Rename(string name)
    {
        if (name == Name)
        {
            return false;
        }

        Name = name;
        Changed();
        return true;
    }

    public DepartmentDto ToDto() => new(Id, SiteId, Name, Version);

    public DepartmentChanged ToEvent() => new(Id, Name, Version);
}

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => new { d.SiteId, d.Name }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(d => d.SiteId);
    }
}
