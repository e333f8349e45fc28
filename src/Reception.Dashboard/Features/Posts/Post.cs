using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Posts;

/// <summary>
/// A place someone stands: a gate, a lobby, the patrol team, the duty room, engineering, the front
/// desk. Posts are archived, not deleted, because visits and handovers keep pointing at them.
/// </summary>
public sealed class Post : VersionedEntity, ISiteOwned
{
    private Post(Guid id, Guid siteId, string name, PostKind kind, string? location, int routeOrder)
    {
        Id = id;
        SiteId = siteId;
        Name = name;
        Kind = kind;
        Location = location;
        RouteOrder = routeOrder;
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public string Name { get; private set; }
    public PostKind Kind { get; private set; }
    public string? Location { get; private set; }

    /// <summary>Where the post stands along the reception route; lower comes first.</summary>
    public int RouteOrder { get; private set; }

    public bool Archived { get; private set; }

    public static Post Create(Guid siteId, string name, PostKind kind, string? location, int routeOrder) =>
        new(Guid.CreateVersion7(), siteId, name, kind, location, routeOrder);

    public bool IsSameAs(string name, PostKind kind, string? location, int routeOrder) =>
        Name == name && Kind == kind && Location == location && RouteOrder == routeOrder;

    /// <returns>Whether anything changed.</returns>
    public bool Update(string name, PostKind kind, string? location, int routeOrder)
    {
        if (IsSameAs(name, kind, location, routeOrder))
        {
            return false;
        }

        if (Archived)
        {
            throw new ConflictException(AdminText.Get("Posts.IsArchived", Name));
        }

        (Name, Kind, Location, RouteOrder) = (name, kind, location, routeOrder);
        Changed();
        return true;
    }

    /// <returns>Whether the post was active before.</returns>
    public bool Archive()
    {
        if (Archived)
        {
            return false;
        }

        Archived = true;
        Changed();
        return true;
    }

    /// <returns>Whether the post was archived before.</returns>
    public bool Restore()
    {
        if (!Archived)
        {
            return false;
        }

        Archived = false;
        Changed();
        return true;
    }

    public PostDto ToDto() => new(Id, SiteId, Name, Kind, Location, RouteOrder, Archived, Version);

    public PostChanged ToEvent() => new(Id, Name, Kind, Location, RouteOrder, Archived, Version);
}

public sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(p => p.Location).HasMaxLength(Validation.NameMaxLength);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.SiteId, p.Name }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId);
    }
}
