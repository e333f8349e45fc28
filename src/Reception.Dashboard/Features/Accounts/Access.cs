namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// The service-layer check. Endpoints have policies too, but services ask again, so a Blazor
/// component or hub method calling a service is held to the same rule as the endpoint.
/// </summary>
public static class Access
{
    public static bool Allows(ClaimsPrincipal user, Guid siteId, Permission permission) =>
        user.DisplaySiteOf() is { } displaySite
            ? displaySite == siteId && permission == Permission.ViewBoard // a wall screen only reads its site's board
            : user.UserId() is not null
              && (user.IsSystemAdmin() || user.RolesAt(siteId).Any(role => Permissions.Grants(role, permission)));

    /// <summary>Refuses (401 or 403) unless the user holds the permission at the site; answers who is acting.</summary>
    public static Actor Demand(ClaimsPrincipal user, Guid siteId, Permission permission)
    {
        var userId = user.UserId();
        if (userId is null && user.DisplaySiteOf() is null)
        {
            throw new UnauthenticatedException();
        }

        if (!Allows(user, siteId, permission))
        {
            throw new ForbiddenException(ErrorText.Get("NotAllowed", permission));
        }

        if (userId is not { } personId)
        {
            return new Actor("device", $"{user.DeviceIdOf():D}", null);
        }

        // The role recorded is the first of the user's roles here that grants the permission.
        var role = user.RolesAt(siteId).Where(r => Permissions.Grants(r, permission)).Order().Select(r => (SiteRole?)r).FirstOrDefault();
        return user.TokenIdOf() is { } tokenId
            ? new Actor("token", tokenId.ToString(), role?.ToString())
            : new Actor("user", personId.ToString(), role?.ToString() ?? (user.IsSystemAdmin() ? "SystemAdmin" : null));
    }

    public static Guid DemandSignedIn(ClaimsPrincipal user) => user.UserId() ?? throw new UnauthenticatedException();

    /// <summary>
    /// A person signed in with their password: not a token, not a PIN session on a guard phone.
    /// Accounts, roles, tokens, passwords and PINs are managed only so: a token that holds Admin
    /// must not mint accounts or passwords that outlive it, nor a PIN open more than a guard's session.
    /// <paramref name="refusal"/> gives the refusal's words, for a caller whose words name what was tried.
    /// </summary>
    public static Guid DemandPerson(ClaimsPrincipal user, Func<string>? refusal = null)
    {
        var userId = DemandSignedIn(user);
        if (user.TokenIdOf() is not null || user.DeviceIdOf() is not null)
        {
            throw new ForbiddenException(refusal?.Invoke() ?? AccountText.Get("PersonOnly"));
        }

        return userId;
    }

    public static void DemandSystemAdmin(ClaimsPrincipal user)
    {
        DemandSignedIn(user);
        if (!user.IsSystemAdmin())
        {
            throw new ForbiddenException(ErrorText.Get("SystemAdminOnly"));
        }
    }

    /// <summary>A system administrator, or an Admin at some site.</summary>
    public static bool IsAnyAdmin(ClaimsPrincipal user) =>
        user.UserId() is not null && (user.IsSystemAdmin() || user.SiteRoles().Any(r => r.Role == SiteRole.Admin));

    /// <summary>Whether the user holds the permission at some site.</summary>
    public static bool AllowsAnywhere(ClaimsPrincipal user, Permission permission) =>
        user.UserId() is not null && (user.IsSystemAdmin() || user.SiteRoles().Any(r => Permissions.Grants(r.Role, permission)));

    /// <summary>Sites the user holds any role at; system administrators see all.</summary>
    public static bool SeesSite(ClaimsPrincipal user, Guid siteId) => Allows(user, siteId, Permission.ViewBoard);
}
