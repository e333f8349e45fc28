namespace Reception.Dashboard.Client.Contracts;

/// <summary>A member of staff. Holds personal data: only authorised screens read it.</summary>
public sealed record StaffDto(
    Guid Id, Guid SiteId, string Name, string? Phone, string? StaffNumber,
    Guid? DepartmentId, Guid? PostId, Guid? ShiftId, Guid? UserId, bool Active, long Version);

/// <summary>Creates a staff record.</summary>
public sealed record CreateStaff(string? Name, string? Phone, string? StaffNumber, Guid? DepartmentId, Guid? PostId, Guid? ShiftId);

/// <summary>
/// Changes a staff record; <paramref name="Active"/> is required (false for someone who has left), and
/// <paramref name="Version"/> is the version the change was based on.
/// </summary>
public sealed record UpdateStaff(
    string? Name, string? Phone, string? StaffNumber, Guid? DepartmentId, Guid? PostId, Guid? ShiftId, bool? Active, long Version);
