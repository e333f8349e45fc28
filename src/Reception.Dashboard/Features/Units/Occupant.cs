namespace Reception.Dashboard.Features.Units;

/// <summary>An owner or tenant of a unit. Personal data: never in an event, never on a wall screen.</summary>
public sealed class Occupant
{
    public Guid Id { get; private init; }
    public Guid UnitId { get; private init; }
    public string Name { get; private init; } = "";
    public string? Phone { get; private set; }
    public OccupantKind Kind { get; private set; }

    public static Occupant Create(Guid unitId, string name, string? phone, OccupantKind kind) =>
        new() { Id = Guid.CreateVersion7(), UnitId = unitId, Name = name, Phone = phone, Kind = kind };

    /// <returns>Whether anything changed: an import that finds the person as they were counts nothing.</returns>
    public bool Update(string? phone, OccupantKind kind)
    {
        if (Phone == phone && Kind == kind)
        {
            return false;
        }

        (Phone, Kind) = (phone, kind);
        return true;
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
