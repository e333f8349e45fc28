namespace Reception.Dashboard.Features.Accounts;

/// <summary>The claims a signed-in principal carries, and how to read them.</summary>
public static class ReceptionClaims
{
    public const string SiteRole = "site_role";
    public const string SystemAdmin = "system_admin";
    public const string DisplayName = "display_name";
    public const string TokenId = "token_id";

    /// <summary>The server-side session a cookie belongs to (<see cref="UserSession"/>).</summary>
    public const string SessionId = "session_id";

    /// <summary>The phone a guard signed in on, or the wall screen that is the principal itself.</summary>
    public const string DeviceId = "device_id";

    /// <summary>A wall screen's one site; a principal with this claim may only read that site's board.</summary>
    public const string DisplaySite = "display_site";
    public const string DisplayView = "display_view";

    public static Claim ForSiteRole(Guid siteId, SiteRole role) => new(SiteRole, $"{siteId:D}|{role}");

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsSystemAdmin(this ClaimsPrincipal principal) => principal.HasClaim(SystemAdmin, "true");

    public static Guid? TokenIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TokenId), out var id) ? id : null;

    public static Guid? SessionIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    public static Guid? DeviceIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(DeviceId), out var id) ? id : null;

    public static Guid? DisplaySiteOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(DisplaySite), out var id) ? id : null;

    /// <summary>Whose idempotency keys a request's are: the token's when it came with one, else the person's.</summary>
    public static string IdempotencyScope(this ClaimsPrincipal principal) =>
        principal.TokenIdOf() is { } tokenId ? $"token:{tokenId}" : $"user:{principal.UserId()}";

    /// <summary>The keys a principal's live connections are filed under: its user, its session and its device.</summary>
    public static IEnumerable<Guid> ConnectionKeys(this ClaimsPrincipal principal) =>
        new[] { principal.UserId(), principal.SessionIdOf(), principal.DeviceIdOf() }.OfType<Guid>();

    public static IEnumerable<(Guid SiteId, SiteRole Role)> SiteRoles(this ClaimsPrincipal principal)
    {
        foreach (var claim in principal.FindAll(SiteRole))
        {
            var parts = claim.Value.Split('|');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var siteId) && Enum.TryParse<SiteRole>(parts[1], out var role))
            {
                yield return (siteId, role);
            }
        }
    }

    public static IEnumerable<SiteRole> RolesAt(this ClaimsPrincipal principal, Guid siteId) =>
        principal.SiteRoles().Where(r => r.SiteId == siteId).Select(r => r.Role);
}
