namespace Reception.Dashboard.Client.Contracts;

/// <summary>A daily shift in the site's local time; a shift whose end is not after its start runs past midnight.</summary>
public sealed record ShiftDto(Guid Id, Guid SiteId, ShiftKind Kind, TimeOnly Start, TimeOnly End, long Version);

/// <summary>Creates a site's morning, middle or night shift.</summary>
public sealed record CreateShift(ShiftKind Kind, TimeOnly? Start, TimeOnly? End);

/// <summary>Changes a shift's hours; <paramref name="Version"/> is the version the change was based on.</summary>
public sealed record UpdateShift(TimeOnly? Start, TimeOnly? End, long Version);
