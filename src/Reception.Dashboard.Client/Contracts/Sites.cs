namespace Reception.Dashboard.Client.Contracts;

/// <summary>A property run by one security department and front desk.</summary>
public sealed record SiteDto(Guid Id, string Name, string TimeZoneId, long Version);

/// <summary>Creates a site. <paramref name="TimeZoneId"/> is an IANA zone such as <c>Asia/Shanghai</c>.</summary>
public sealed record CreateSite(string? Name, string? TimeZoneId);

/// <summary>Changes a site; <paramref name="Version"/> is the version the change was based on.</summary>
public sealed record UpdateSite(string? Name, string? TimeZoneId, long Version);

/// <summary>A site's board state and the sequence number it reflects: apply only events after <paramref name="Seq"/>.</summary>
public sealed record BoardSnapshot(
    Guid Epoch,
    long Seq,
    SiteDto Site,
    IReadOnlyList<PostDto> Posts,
    IReadOnlyList<ShiftDto> Shifts,
    IReadOnlyList<DepartmentDto> Departments);
