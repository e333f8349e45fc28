namespace Reception.Dashboard.Features.Units;

/// <summary>A unit of the property, by building and room. Outsiders may be told a room number only (desk §2.8).</summary>
public sealed class Unit
{
    public const int BuildingMaxLength = 50;
    public const int RoomMaxLength = 20;

    public Guid Id { get; init; }
    public Guid SiteId { get; init; }
    public required string Building { get; init; }
    public required string Room { get; init; }
    public List<Occupant> Occupants { get; init; } = [];

    public UnitDto ToDto() => new(Id, SiteId, Building, Room,
        Occupants.OrderBy(o => o.Kind).ThenBy(o => o.Name).Select(o => new OccupantDto(o.Id, o.Name, o.Phone, o.Kind)).ToList());
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.Property(u => u.Building).HasMaxLength(Unit.BuildingMaxLength);
        builder.Property(u => u.Room).HasMaxLength(Unit.RoomMaxLength);
        builder.HasIndex(u => new { u.SiteId, u.Building, u.Room }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(u => u.SiteId);
        builder.HasMany(u => u.Occupants).WithOne().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
