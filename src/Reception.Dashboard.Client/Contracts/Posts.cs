namespace Reception.Dashboard.Client.Contracts;

/// <summary>A place staffed by the security department or the front desk.</summary>
public sealed record PostDto(Guid Id, Guid SiteId, string Name, PostKind Kind, string? Location, int RouteOrder, bool Archived, long Version);

/// <summary>Creates a post. <paramref name="RouteOrder"/> (required, 0–999) orders posts along the reception route.</summary>
public sealed record CreatePost(string? Name, PostKind Kind, string? Location, int? RouteOrder);

/// <summary>Changes a post; <paramref name="Version"/> is the version the change was based on.</summary>
public sealed record UpdatePost(string? Name, PostKind Kind, string? Location, int? RouteOrder, long Version);
