namespace Reception.Dashboard.Client.Contracts;

/// <summary>A department of the property: security, customer service, engineering, cleaning…</summary>
public sealed record DepartmentDto(Guid Id, Guid SiteId, string Name, long Version);

/// <summary>Creates a department.</summary>
public sealed record CreateDepartment(string? Name);

/// <summary>Renames a department; <paramref name="Version"/> is the version the change was based on.</summary>
public sealed record UpdateDepartment(string? Name, long Version);
