namespace Reception.Dashboard.Features.Sites;

/// <summary>A property. Its time zone is the one every local time (shifts, arrivals) is read in.</summary>
public sealed class Site : VersionedEntity
{
    private Site(Guid id, string name, string timeZoneId)
    {
        Id = id;
        Name = name;
        TimeZoneId = timeZoneId;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string TimeZoneId { get; private set; }

    public static Site Create(string name, string timeZoneId) => new(Guid.CreateVersion7(), name, timeZoneId);

    /// <returns>Whether anything changed.</returns>
    public bool Update(string name, string timeZoneId)
    {
        if (name == Name && timeZoneId == TimeZoneId)
        {
            return false;
        }

        Name = name;
        TimeZoneId = timeZoneId;
        Changed();
        return true;
    }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public SiteDto ToDto() => new(Id, Name, TimeZoneId, Version);
}

public sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.TimeZone);
    }
}
