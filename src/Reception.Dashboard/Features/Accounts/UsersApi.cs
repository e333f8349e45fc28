using Microsoft.AspNetCore.Mvc;

namespace Reception.Dashboard.Features.Accounts;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        // Any administrator; the service narrows it to the accounts they may manage.
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization();

        users.MapGet("/", (ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) => admin.ListAsync(user, ct));

        users.MapPost("/", async (ClaimsPrincipal user, CreateUserRequest request, [FromHeader(Name = "Idempotency-Key")] string? key, UserAdminService admin, CancellationToken ct) =>
        {
            var created = await admin.CreateAsync(user, request, key, ct);
            return TypedResults.Created($"/api/users/{created.User.Id}", created);
        });

        users.MapPost("/{userId:guid}/reset-password", (ClaimsPrincipal user, Guid userId, [FromHeader(Name = "Idempotency-Key")] string? key, UserAdminService admin, CancellationToken ct) =>
            admin.ResetPasswordAsync(user, userId, key, ct));

        users.MapPost("/{userId:guid}/disable", (ClaimsPrincipal user, Guid userId, [FromHeader(Name = "Idempotency-Key")] string? key, UserAdminService admin, CancellationToken ct) =>
            admin.SetDisabledAsync(user, userId, disabled: true, key, ct));

        users.MapPost("/{userId:guid}/enable", (ClaimsPrincipal user, Guid userId, [FromHeader(Name = "Idempotency-Key")] string? key, UserAdminService admin, CancellationToken ct) =>
            admin.SetDisabledAsync(user, userId, disabled: false, key, ct));

        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization();

        tokens.MapGet("/", (ClaimsPrincipal user, TokenService service, CancellationToken ct) => service.ListMineAsync(user, ct));

        tokens.MapPost("/", async (ClaimsPrincipal user, CreateTokenRequest request, [FromHeader(Name = "Idempotency-Key")] string? key, TokenService service, CancellationToken ct) =>
            TypedResults.Created("/api/tokens", await service.CreateAsync(user, request, key, ct)));

        tokens.MapDelete("/{tokenId:guid}", (ClaimsPrincipal user, Guid tokenId, [FromHeader(Name = "Idempotency-Key")] string? key, TokenService service, CancellationToken ct) =>
            service.RevokeAsync(user, tokenId, key, ct));

        return api;
    }

    public static RouteGroupBuilder MapSiteRolesApi(this RouteGroupBuilder site)
    {
        var roles = site.MapGroup("/roles").WithTags("Users").RequireSitePermission(Permission.ManageRoles);

        roles.MapGet("/", ([AsParameters] SiteCall call, UserAdminService admin) => admin.ListAtSiteAsync(call));

        roles.MapPost("/", ([AsParameters] SiteCall call, GrantRoleRequest request, UserAdminService admin) => admin.GrantRoleAsync(call, request));

        roles.MapDelete("/{userId:guid}/{role}", ([AsParameters] SiteCall call, Guid userId, SiteRole role, UserAdminService admin) =>
            admin.RevokeRoleAsync(call, userId, role));

        return site;
    }
}
