using Microsoft.AspNetCore.Authorization;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>Endpoint policies: the permission is checked against the <c>siteId</c> in the route.</summary>
public static class SitePermissionPolicies
{
    public const string SystemAdmin = "system-admin";
    public const string AnyAdmin = "any-admin";

    /// <summary>For page attributes, which need a constant; equal to <c>For(Permission.ViewBoard)</c>.</summary>
    public const string ViewBoard = "site:" + nameof(Permission.ViewBoard);
    public const string WatchBoard = "site:" + nameof(Permission.WatchBoard);
    public const string ViewStaff = "site:" + nameof(Permission.ViewStaff);
    public const string ViewResidents = "site:" + nameof(Permission.ViewResidents);
    public const string TickOwnPost = "site:" + nameof(Permission.TickOwnPost);
    public const string ManageSite = "site:" + nameof(Permission.ManageSite);
    public const string ManagePhones = "site:" + nameof(Permission.ManagePhones);
    public const string EditChecklists = "site:" + nameof(Permission.EditChecklists);
    public const string HandleForwardedIncidents = "site:" + nameof(Permission.HandleForwardedIncidents);
    public const string ReadEscalations = "site:" + nameof(Permission.ReadEscalations);
    public const string OpenSiteSettings = "site:" + nameof(Permission.OpenSiteSettings);

    public static string For(Permission permission) => $"site:{permission}";

    public static TBuilder RequireSitePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(permission));

    public static AuthorizationBuilder AddSitePermissionPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(For(permission), p => p.RequireAuthenticatedUser().AddRequirements(new SitePermissionRequirement(permission)));
        }

        authorization.AddPolicy(SystemAdmin, p => p.RequireAuthenticatedUser().RequireClaim(ReceptionClaims.SystemAdmin, "true"));
        return authorization;
    }
}

public sealed record SitePermissionRequirement(Permission Permission) : IAuthorizationRequirement;

public sealed class SitePermissionHandler : AuthorizationHandler<SitePermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SitePermissionRequirement requirement)
    {
        // An HTTP request (endpoints, the first load of a page) or a page reached inside a circuit.
        var routeSiteId = context.Resource switch
        {
            HttpContext http => http.GetRouteValue("siteId"),
            Microsoft.AspNetCore.Components.RouteData page => page.RouteValues.FirstOrDefault(v => string.Equals(v.Key, "siteId", StringComparison.OrdinalIgnoreCase)).Value,
            _ => null,
        };
        if (Guid.TryParse(routeSiteId?.ToString(), out var siteId) && Access.Allows(context.User, siteId, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
