namespace Reception.Dashboard.Features.Accounts;

/// <summary>A role as people read it, in the page's language: "指挥中心", not "CommandCenter".</summary>
public static class RoleNames
{
    /// <summary>The role's name; an actor's recorded role is a <see cref="SiteRole"/> name or "SystemAdmin".</summary>
    public static string? Of(string? role) =>
        role is null ? null
        : Enum.TryParse<SiteRole>(role, out var siteRole) && Enum.IsDefined(siteRole) ? AccountText.Get($"Role.{siteRole}")
        : role == "SystemAdmin" ? AccountText.Get("Role.SystemAdmin")
        : role;
}
