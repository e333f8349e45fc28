using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Posts;

public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this RouteGroupBuilder site)
    {
        var posts = site.MapGroup("/posts").WithTags("Posts");

        posts.MapGet("/", (ClaimsPrincipal user, Guid siteId, PostService service, CancellationToken ct) => service.ListAsync(user, siteId, ct))
            .RequireSitePermission(Permission.ViewBoard);

        posts.MapGet("/{postId:guid}", (ClaimsPrincipal user, Guid siteId, Guid postId, PostService service, CancellationToken ct) =>
                service.GetAsync(user, siteId, postId, ct))
            .WithName("GetPost")
            .RequireSitePermission(Permission.ViewBoard);

        posts.MapPost("/", async (ClaimsPrincipal user, Guid siteId, CreatePost request, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
        {
            var post = await service.CreateAsync(user, siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(post, "GetPost", new { siteId, postId = post.Id });
        })
            .RequireSitePermission(Permission.ManageSite);

        posts.MapPut("/{postId:guid}", (ClaimsPrincipal user, Guid siteId, Guid postId, UpdatePost request, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.UpdateAsync(user, siteId, postId, request, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        posts.MapPost("/{postId:guid}/archive", (ClaimsPrincipal user, Guid siteId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.ArchiveAsync(user, siteId, postId, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        posts.MapPost("/{postId:guid}/restore", (ClaimsPrincipal user, Guid siteId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.RestoreAsync(user, siteId, postId, key, ct))
            .RequireSitePermission(Permission.ManageSite);

        return site;
    }
}
