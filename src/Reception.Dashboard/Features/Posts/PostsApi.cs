using Microsoft.AspNetCore.Mvc;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Features.Posts;

public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this RouteGroupBuilder site)
    {
        var posts = site.MapGroup("/posts").WithTags("Posts");

        posts.MapGet("/", (Guid siteId, PostService service, CancellationToken ct) => service.ListAsync(siteId, ct));

        posts.MapGet("/{postId:guid}", (Guid siteId, Guid postId, PostService service, CancellationToken ct) =>
                service.GetAsync(siteId, postId, ct))
            .WithName("GetPost");

        posts.MapPost("/", async (Guid siteId, CreatePost request, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
        {
            var post = await service.CreateAsync(siteId, request, key, ct);
            return TypedResults.CreatedAtRoute(post, "GetPost", new { siteId, postId = post.Id });
        });

        posts.MapPut("/{postId:guid}", (Guid siteId, Guid postId, UpdatePost request, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.UpdateAsync(siteId, postId, request, key, ct));

        posts.MapPost("/{postId:guid}/archive", (Guid siteId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.ArchiveAsync(siteId, postId, key, ct));

        posts.MapPost("/{postId:guid}/restore", (Guid siteId, Guid postId, [FromHeader(Name = "Idempotency-Key")] string? key, PostService service, CancellationToken ct) =>
            service.RestoreAsync(siteId, postId, key, ct));

        return site;
    }
}
