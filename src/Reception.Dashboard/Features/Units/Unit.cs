using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;

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

/// <summary>An owner or tenant of a unit. Personal data: never in an event, never on a wall screen.</summary>
public sealed class Occupant
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public required string Name { get; init; }
    public string? Phone { get; set; }
    public OccupantKind Kind { get; set; }
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

public sealed class OccupantConfiguration : IEntityTypeConfiguration<Occupant>
{
    public void Configure(EntityTypeBuilder<Occupant> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Validation.NameMaxLength);
        builder.Property(o => o.Phone).HasMaxLength(Validation.PhoneMaxLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(o => new { o.UnitId, o.Name }).IsUnique();
    }
}
