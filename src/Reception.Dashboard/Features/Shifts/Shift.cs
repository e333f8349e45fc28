namespace Reception.Dashboard.Features.Shifts;

/// <summary>One of a site's three daily shifts, in the site's local time.</summary>
public sealed class Shift : VersionedEntity, ISiteOwned
{
    private Shift(Guid id, Guid siteId, ShiftKind kind, TimeOnly start, TimeOnly end)
    {
        Id = id;
        SiteId = siteId;
        Kind = kind;
        Start = start;
        End = end;
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public ShiftKind Kind { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }

    /// <summary>A shift whose end is not after its start (the night shift, 23:00–07:00) runs past midnight.</summary>
    public bool CrossesMidnight => End <= Start;

    public static Shift Create(Guid siteId, ShiftKind kind, TimeOnly start, TimeOnly end) =>
        new(Guid.CreateVersion7(), siteId, kind, start, end);

    public bool Covers(TimeOnly localTime) => localTime.IsBetween(Start, End);

    /// <summary>
    /// The date (in the site's zone) on which the instance of this shift running at
    /// <paramref name="local"/> started: 02:00 on the 2nd is in the night shift of the 1st.
    /// </summary>
    public DateOnly? InstanceCovering(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        var date = DateOnly.FromDateTime(local);
        if (!Covers(time))
        {
            return null;
        }

        return CrossesMidnight && time < End ? date.AddDays(-1) : date;
    }

    /// <returns>Whether anything changed.</returns>
    public bool SetHours(TimeOnly start, TimeOnly end)
    {
        if (start == Start && end == End)
        {
            return false;
        }

        (Start, End) = (start, end);
        Changed();
        return true;
    }

    public ShiftDto ToDto() => new(Id, SiteId, Kind, Start, End, Version);

    public ShiftChanged ToEvent() => new(Id, Kind, Start, End, Version);
}

public sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.CrossesMidnight);
        builder.HasIndex(s => new { s.SiteId, s.Kind }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId);
    }
}
